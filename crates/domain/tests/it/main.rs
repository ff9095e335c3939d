//! Property tests of the domain core: replay, state periods and tree paths.

mod history;
mod tree;
