//! The Maven catalogers run through the registry on the fixtures in `fixtures/ecosystems/maven/`.
