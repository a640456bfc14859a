//! Collections across pages: follow `@odata.nextLink` until there is none;
//! one page from a link the service gave (a `nextLink`, or a delta query's
//! `deltaLink` for the next round).

use futures_util::stream::{self, Stream};
use serde::de::DeserializeOwned;

use super::{decode, Client, Error};
use crate::Collection;

/// Where a paged walk is.
enum Next {
    Failed(Error),
    First(Box<http::Request<Vec<u8>>>),
    Link(String),
    Done,
}

impl Client {
    /// One page of a collection from a link the service gave: an
    /// `@odata.nextLink` (the next page) or an `@odata.deltaLink` (the next
    /// round of a delta query, which pages on with `nextLink`s and ends with
    /// a new `deltaLink`). The link already holds the query, so it is sent
    /// as it is; the token goes with it only if its host is one of this
    /// client's Graph hosts.
    ///
    /// # Errors
    /// As [`Client::send`].
    pub async fn follow<T: DeserializeOwned>(&self, link: &str) -> Result<Collection<T>, Error> {
        let request = http::Request::get(link).body(Vec::new()).map_err(|e| Error::Build(e.to_string()))?;
        decode(&self.execute(request).await?)
    }

    /// Every item of a collection, page after page, as a stream. The next
    /// page's URL comes from the response; the token goes with it only if
    /// its host is one of this client's Graph hosts.
    pub fn items<T: DeserializeOwned + 'static>(
        &self,
        request: crate::Request<Collection<T>>,
    ) -> impl Stream<Item = Result<T, Error>> + '_ {
        let first = match request.to_http(&self.base_url) {
            Ok(first) => Next::First(Box::new(first)),
            Err(err) => Next::Failed(Error::Build(err.to_string())),
        };
        let start = (first, Vec::new().into_iter());
        stream::unfold(Some(start), move |state| async move {
            let (mut next, mut buffered) = state?;
            loop {
                if let Some(item) = buffered.next() {
                    return Some((Ok(item), Some((next, buffered))));
                }
                let request = match std::mem::replace(&mut next, Next::Done) {
                    Next::Done => return None,
                    Next::Failed(err) => return Some((Err(err), None)),
                    Next::First(request) => *request,
                    Next::Link(url) => match http::Request::get(url).body(Vec::new()) {
                        Ok(request) => request,
                        Err(err) => return Some((Err(Error::Build(err.to_string())), None)),
                    },
                };
                let page: Collection<T> = match self.execute(request).await.and_then(|body| decode(&body)) {
                    Ok(page) => page,
                    Err(err) => return Some((Err(err), None)),
                };
                next = page.next_link.map_or(Next::Done, Next::Link);
                buffered = page.value.into_iter();
            }
        })
    }
}
