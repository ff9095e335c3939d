//! Building blocks shared by the generated data sets: the demonstration data (`demo`) and the
//! synthetic interchange files (`synth`). Vietnamese names, places and attribute
//! distributions, and random days.

pub mod days;
pub mod names;
