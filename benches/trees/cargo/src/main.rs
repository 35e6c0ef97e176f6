//! Benchmark tree for clearance: never built, only `cargo vendor`ed.
fn main() {
    println!("bench-service");
}
