//! Lines of object keys in a JSON text, found in one pass.
//!
//! `serde_json` forgets where values were, but a problem or a component source should name the
//! line of its entry. Rescanning the text for each entry would be quadratic on a large lockfile,
//! so this module walks the text once, tracks the nesting of objects and arrays, and records the
//! line of each key whose path the caller asks for.

use std::collections::HashMap;

/// Lines of selected object keys, by their path of keys from the top-level object.
///
/// Keys inside arrays are never recorded (nothing here needs them). When a key appears twice in
/// one object, the last one wins, as it does in `serde_json`'s maps.
#[derive(Debug, Default)]
pub(crate) struct KeyLines {
    lines: HashMap<Vec<String>, u32>,
}

/// One open container while scanning.
struct Frame {
    /// `{` rather than `[`.
    object: bool,
    /// The frame is an array or lies inside one: its keys are not recorded.
    in_array: bool,
    /// The frame's key was pushed onto the path when it was opened.
    pushed: bool,
    /// The next string in this object is a key.
    expect_key: bool,
    /// The last key read in this object (the one whose value is being read).
    key: Option<String>,
}

impl KeyLines {
    /// Scans `text` (which should be valid JSON; invalid input gives partial results, never a
    /// panic) and records the line of every key for which `keep(parent_path, key)` is true.
    pub(crate) fn scan(text: &str, mut keep: impl FnMut(&[String], &str) -> bool) -> Self {
        let bytes = text.as_bytes();
        let mut lines = HashMap::new();
        let mut stack: Vec<Frame> = Vec::new();
        let mut path: Vec<String> = Vec::new();
        let mut line: u32 = 1;
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line += 1,
                b'"' => {
                    let Some(end) = string_end(bytes, i) else {
                        break;
                    };
                    if let Some(top) = stack.last_mut()
                        && top.object
                        && top.expect_key
                    {
                        let key = decode_key(text, i, end);
                        if !top.in_array && keep(&path, &key) {
                            let mut full = path.clone();
                            full.push(key.clone());
                            lines.insert(full, line);
                        }
                        top.key = Some(key);
                        top.expect_key = false;
                    }
                    i = end + 1;
                    continue;
                }
                open @ (b'{' | b'[') => {
                    let (in_array, pushed) = match stack.last() {
                        None => (false, false),
                        Some(parent) if parent.object && !parent.in_array => {
                            path.push(parent.key.clone().unwrap_or_default());
                            (false, true)
                        }
                        Some(_) => (true, false),
                    };
                    let object = open == b'{';
                    stack.push(Frame {
                        object,
                        in_array: in_array || !object,
                        pushed,
                        expect_key: object,
                        key: None,
                    });
                }
                b'}' | b']' => {
                    if let Some(frame) = stack.pop()
                        && frame.pushed
                    {
                        path.pop();
                    }
                }
                b',' => {
                    if let Some(top) = stack.last_mut()
                        && top.object
                    {
                        top.expect_key = true;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        KeyLines { lines }
    }

    /// The line of the key at `path` (keys from the top-level object down), when recorded.
    pub(crate) fn get<S: AsRef<str>>(&self, path: &[S]) -> Option<u32> {
        let key: Vec<String> = path.iter().map(|s| s.as_ref().to_string()).collect();
        self.lines.get(&key).copied()
    }
}

/// Index of the closing quote of the string that opens at `start`.
fn string_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut j = start + 1;
    while j < bytes.len() {
        match bytes[j] {
            b'\\' => j += 2,
            b'"' => return Some(j),
            _ => j += 1,
        }
    }
    None
}

/// The key between the quotes at `start` and `end`, with escapes decoded.
fn decode_key(text: &str, start: usize, end: usize) -> String {
    let inner = text.get(start + 1..end).unwrap_or_default();
    if !inner.contains('\\') {
        return inner.to_string();
    }
    text.get(start..=end)
        .and_then(|quoted| serde_json::from_str::<String>(quoted).ok())
        .unwrap_or_else(|| inner.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_selected_keys_with_lines() {
        let text = "{\n  \"name\": \"a\",\n  \"author\": {\"name\": \"x\"},\n  \"list\": [{\"name\": 1}],\n  \"packages\": {\n    \"\": {},\n    \"node_modules/\\u0061\": {\n      \"version\": \"1\"\n    }\n  }\n}\n";
        let all = KeyLines::scan(text, |_, _| true);
        assert_eq!(all.get(&["name"]), Some(2));
        assert_eq!(all.get(&["author"]), Some(3));
        assert_eq!(all.get(&["author", "name"]), Some(3));
        // Keys inside arrays are not recorded.
        assert_eq!(all.get(&["list", "name"]), None);
        assert_eq!(all.get(&["packages", ""]), Some(6));
        assert_eq!(all.get(&["packages", "node_modules/a"]), Some(7));
        assert_eq!(all.get(&["packages", "node_modules/a", "version"]), Some(8));

        let top = KeyLines::scan(text, |p, _| p.is_empty());
        assert_eq!(top.get(&["name"]), Some(2));
        assert_eq!(top.get(&["author", "name"]), None);
    }

    #[test]
    fn strings_with_braces_and_escaped_quotes_do_not_confuse_it() {
        let text = "{\"a\": \"{[\\\"}\",\n\"b\": 1}";
        let k = KeyLines::scan(text, |_, _| true);
        assert_eq!(k.get(&["a"]), Some(1));
        assert_eq!(k.get(&["b"]), Some(2));
    }

    #[test]
    fn garbage_does_not_panic() {
        for text in [
            "",
            "}",
            "]]]{",
            "{\"a",
            "{\"a\\",
            "[\"x\" , {\"k\": {",
            "\u{e9}\"\u{e9}",
        ] {
            let _ = KeyLines::scan(text, |_, _| true);
        }
    }
}
