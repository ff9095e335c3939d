//! Property tests of the domain core: replay, state periods and tree paths.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

mod history;
mod tree;
