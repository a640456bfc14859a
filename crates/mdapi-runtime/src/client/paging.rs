//! Collections across pages: follow `@odata.nextLink` until there is none;
//! one page from a link the service gave (a `nextLink`, or a delta query's
//! `deltaLink` for the next round); delta rounds that end with the
//! [`DeltaLink`] to resume from (Graph's "Use delta query to track changes",
//! OData 4.01 Part 1, 11.3 "Requesting Changes").

use std::marker::PhantomData;
use std::pin::Pin;

use futures_util::stream::{self, Stream, TryStreamExt};
use serde::{Deserialize, Serialize};

use super::{Client, Error};
use crate::response::{json_value, Decoder};
use crate::{Collection, FromJson};

/// A stream the client returns: boxed and pinned, so it is `Unpin` and
/// `while let Some(x) = stream.try_next().await?` works without `pin_mut!`.
pub type BoxStream<'a, T> = Pin<Box<dyn Stream<Item = Result<T, Error>> + Send + 'a>>;

/// The `@odata.deltaLink` that ends a delta round, for items of type `T`.
/// Store it (it serializes as its URL, a JSON string) and give it to
/// [`Client::delta_from`] later for what changed since.
#[derive(Serialize, Deserialize)]
#[serde(transparent)]
pub struct DeltaLink<T> {
    url: String,
    #[serde(skip)]
    items: PhantomData<fn() -> T>,
}

impl<T> DeltaLink<T> {
    /// A link read back from storage: the URL as the service wrote it.
    pub fn new(url: impl Into<String>) -> Self {
        Self { url: url.into(), items: PhantomData }
    }

    /// The URL, with its `$deltatoken`, as the service wrote it.
    pub fn url(&self) -> &str {
        &self.url
    }
}

impl<T> Clone for DeltaLink<T> {
    fn clone(&self) -> Self {
        Self::new(self.url.clone())
    }
}

impl<T> PartialEq for DeltaLink<T> {
    fn eq(&self, other: &Self) -> bool {
        self.url == other.url
    }
}

impl<T> Eq for DeltaLink<T> {}

impl<T> std::fmt::Debug for DeltaLink<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("DeltaLink").field(&self.url).finish()
    }
}

/// One item of a delta stream: a changed item (a removed one carries
/// `@removed` in its `additional_properties`), and last the round's link.
#[derive(Debug, Clone, PartialEq)]
pub enum DeltaEvent<T> {
    /// An item that changed (or was removed) since the round's start.
    Item(T),
    /// The round is over: resume from here with [`Client::delta_stream_from`].
    End(DeltaLink<T>),
}

/// A whole delta round: every changed item, and the link to the next round.
#[derive(Debug, Clone, PartialEq)]
pub struct DeltaRound<T> {
    /// The round's changed items, over every page, in the order Graph
    /// sent them (a removed one carries `@removed`).
    pub items: Vec<T>,
    /// The last page's `@odata.deltaLink`: where the next round starts.
    pub delta_link: DeltaLink<T>,
}

/// Where a paged walk is.
enum Next {
    Failed(Error),
    First(Box<http::Request<Vec<u8>>>),
    Link(String),
    Done,
}

impl Next {
    fn first<R>(client: &Client, request: &crate::Request<R>) -> Self {
        match request.to_http(&client.base_url) {
            Ok(first) => Self::First(Box::new(first)),
            Err(err) => Self::Failed(Error::Build(err.to_string())),
        }
    }
}

impl Client {
    /// One page of a collection from a link the service gave: an
    /// `@odata.nextLink` (the next page) or an `@odata.deltaLink` (the next
    /// round of a delta query, which pages on with `nextLink`s and ends with
    /// a new `deltaLink`). The link already holds the query, so it is sent
    /// as it is; the token goes with it only if its host is one of this
    /// client's Graph hosts.
    ///
    /// With no request to carry a decoder, the page's items decode by
    /// `T`'s [`FromJson`], compiled in `T`'s crate (docs/sdk-cost.md).
    ///
    /// # Errors
    /// As [`Client::send`].
    pub async fn follow<T: FromJson>(&self, link: &str) -> Result<Collection<T>, Error> {
        let request = http::Request::get(link).body(Vec::new()).map_err(|e| Error::Build(e.to_string()))?;
        page_from_json(0, &http::HeaderMap::new(), &self.execute(request).await?).map_err(Error::Decode)
    }

    /// Every item of a collection, page after page, as a stream. The next
    /// page's URL comes from the response; the token goes with it only if
    /// its host is one of this client's Graph hosts. The stream is `Unpin`:
    /// `while let Some(user) = client.items(request).try_next().await? {..}`.
    /// Every page decodes with the request's decoder
    /// ([`Request::decoder`](crate::Request::decoder)), compiled where the
    /// request was built.
    pub fn items<T: Send + 'static>(&self, request: crate::Request<Collection<T>>) -> BoxStream<'_, T> {
        let pages = self.pages::<T>(Next::first(self, &request), request.decoder());
        Box::pin(pages.map_ok(|page| stream::iter(page.value.into_iter().map(Ok))).try_flatten())
    }

    /// A delta round as a stream: every changed item across the round's
    /// pages, then [`DeltaEvent::End`] with the link the last page gives.
    /// `request` is a generated `delta()` call (its first round); every
    /// page decodes with its decoder, as for [`Client::items`].
    ///
    /// # Errors
    /// As [`Client::send`]; a [`Error::Decode`] when the last page has
    /// neither an `@odata.nextLink` nor an `@odata.deltaLink`.
    pub fn delta_stream<T: Send + 'static>(
        &self,
        request: crate::Request<Collection<T>>,
    ) -> BoxStream<'_, DeltaEvent<T>> {
        self.delta_events(Next::first(self, &request), request.decoder())
    }

    /// [`Client::delta_stream`] from a stored link: what changed since the
    /// round that gave it. With no request to carry a decoder, the items
    /// decode by `T`'s [`FromJson`], compiled in `T`'s crate
    /// (docs/sdk-cost.md).
    pub fn delta_stream_from<T: FromJson + Send + 'static>(&self, link: &DeltaLink<T>) -> BoxStream<'_, DeltaEvent<T>> {
        self.delta_events(Next::Link(link.url.clone()), page_from_json::<T>)
    }

    /// A whole delta round at once: [`Client::delta_stream`], collected.
    ///
    /// # Errors
    /// As [`Client::delta_stream`].
    pub async fn delta<T: Send + 'static>(
        &self,
        request: crate::Request<Collection<T>>,
    ) -> Result<DeltaRound<T>, Error> {
        collect_round(self.delta_stream(request)).await
    }

    /// A whole delta round from a stored link; the pages decode as in
    /// [`Client::delta_stream_from`].
    ///
    /// # Errors
    /// As [`Client::delta_stream`].
    pub async fn delta_from<T: FromJson + Send + 'static>(&self, link: &DeltaLink<T>) -> Result<DeltaRound<T>, Error> {
        collect_round(self.delta_stream_from(link)).await
    }

    fn delta_events<T: Send + 'static>(
        &self,
        first: Next,
        decode: Decoder<Collection<T>>,
    ) -> BoxStream<'_, DeltaEvent<T>> {
        let pages = self.pages::<T>(first, decode);
        Box::pin(
            pages
                .and_then(|page| async move {
                    let mut events: Vec<Result<DeltaEvent<T>, Error>> =
                        page.value.into_iter().map(|item| Ok(DeltaEvent::Item(item))).collect();
                    match (&page.next_link, page.delta_link) {
                        (Some(_), _) => {}
                        (None, Some(link)) => events.push(Ok(DeltaEvent::End(DeltaLink::new(link)))),
                        (None, None) => events.push(Err(Error::Decode(serde::de::Error::custom(
                            "a delta page has neither @odata.nextLink nor @odata.deltaLink",
                        )))),
                    }
                    Ok(stream::iter(events))
                })
                .try_flatten(),
        )
    }

    /// The pages of a walk, each decoded by `decode` (the first request's
    /// decoder, or serde's for a stored link); it ends after the page with
    /// no `@odata.nextLink`, or at the first error.
    fn pages<T: Send + 'static>(&self, first: Next, decode: Decoder<Collection<T>>) -> BoxStream<'_, Collection<T>> {
        Box::pin(stream::unfold(first, move |next| async move {
            let request = match next {
                Next::Done => return None,
                Next::Failed(err) => return Some((Err(err), Next::Done)),
                Next::First(request) => *request,
                Next::Link(url) => match http::Request::get(url).body(Vec::new()) {
                    Ok(request) => request,
                    Err(err) => return Some((Err(Error::Build(err.to_string())), Next::Done)),
                },
            };
            let answer = self.execute_with_headers(request).await;
            match answer.and_then(|(status, headers, body)| decode(status, &headers, &body).map_err(Error::Decode)) {
                Ok(page) => {
                    let next = page.next_link.clone().map_or(Next::Done, Next::Link);
                    Some((Ok(page), next))
                }
                Err(err) => Some((Err(err), Next::Done)),
            }
        }))
    }
}

/// A page read by its items' [`FromJson`]: the decoder of a walk with no
/// request to carry one.
fn page_from_json<T: FromJson>(_: u16, _: &http::HeaderMap, body: &[u8]) -> Result<Collection<T>, serde_json::Error> {
    Collection::from_json(json_value(body)?)
}

async fn collect_round<T>(mut events: BoxStream<'_, DeltaEvent<T>>) -> Result<DeltaRound<T>, Error> {
    let mut items = Vec::new();
    while let Some(event) = events.try_next().await? {
        match event {
            DeltaEvent::Item(item) => items.push(item),
            DeltaEvent::End(delta_link) => return Ok(DeltaRound { items, delta_link }),
        }
    }
    Err(Error::Decode(serde::de::Error::custom("a delta round ended without an @odata.deltaLink")))
}
