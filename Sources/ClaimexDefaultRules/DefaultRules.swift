/// The rules in the package's `Rules/` folder, embedded in the binary at build time so
/// `claimex` works from any folder. `--rules DIR` replaces them.
public enum DefaultRules {
    /// Each rule and lexicon file as `Rules/...` path and text.
    public static var files: [(path: String, contents: String)] {
        embedded.map { ($0.path, String(decoding: $0.bytes, as: UTF8.self)) }
    }
}
