//! `src/mock.rs` of a generated crate, behind its `mock` feature: the
//! documented examples served by the runtime's mock server
//! (`mdapi_runtime::mock`). The example tests' own case tables
//! (`tests/examples/cases/`) are compiled into the library only with the
//! feature, so the cases are written once and cost nothing without it.

use proc_macro2::TokenStream;
use quote::quote;

use crate::examples::Group;
use crate::names;

/// The module: the case files of the groups with examples (resource
/// representations have no request to answer), `EXAMPLES`, and `start()`.
pub fn file(groups: &[Group<'_>]) -> TokenStream {
    let served: Vec<&Group<'_>> = groups.iter().filter(|g| !g.examples.is_empty()).collect();
    let modules: Vec<syn::Ident> = served.iter().map(|g| names::ident(&g.module)).collect();
    let paths = served.iter().map(|g| format!("../tests/examples/cases/{}.rs", g.module));
    quote! {
        //! A local API for tests, with the `mock` feature: [`start`] runs a
        //! loopback server that answers every documented example whose
        //! request and answer the example tests check (the same method,
        //! path, query, JSON body and headers), and the stubs a test sets
        //! per operation, typed by what the operation answers:
        //! `mock.on(endpoints::get_users_by_id::request("u1")?).answer(&user)`,
        //! `.error(&GraphError::new(404, code, message))`, `.pages([..])`,
        //! `.throttle_then(retry_after, &value)`. `mock.client()` is a client
        //! for it. What it matches and answers: `mdapi_runtime::mock`.

        #(#[path = #paths] mod #modules;)*

        pub use ::mdapi_runtime::client::GraphError;
        pub use ::mdapi_runtime::mock::{Answer, MockServer, On, Reply, Stub, ANSWERED_BY, UNMATCHED};

        /// The documented examples, one table per API area: the example
        /// tests' own cases.
        pub static EXAMPLES: &[&[::mdapi_runtime::examples::Case]] = &[#(#modules::CASES),*];

        /// Starts a mock on a free loopback port serving this crate's
        /// documented examples; it stops when dropped.
        pub async fn start() -> MockServer {
            MockServer::start(EXAMPLES).await
        }
    }
}

/// What `lib.rs` declares for the feature: the module, and the crate's own
/// name for the case files, which name items as `::<crate>::...` (they are
/// written for the integration test, a crate of its own).
pub fn declarations(crate_name: &str) -> TokenStream {
    let krate = names::ident(&names::snake(crate_name));
    quote! {
        #[cfg(feature = "mock")]
        extern crate self as #krate;
        #[cfg(feature = "mock")]
        pub mod mock;
    }
}
