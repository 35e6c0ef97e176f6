//! Integration tests of the `clearance` command line: the fixture products end to end, and bad
//! input of every kind.

mod bad_input;
mod cli;
mod gate;
mod notices;
mod sboms;
mod schema;
mod support;
