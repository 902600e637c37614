import ClaimexDefaultRules
import ClaimexRules
import Foundation

/// Where rules come from: the set embedded in the binary, or a folder given with `--rules`.
public enum RuleLibrary {
    /// The embedded default rules as sources.
    public static var defaultSources: [RuleSource] {
        DefaultRules.files.map { RuleSource(path: $0.path, contents: $0.contents) }
    }

    /// Compiles the rules of `directory`, or the embedded defaults when it is nil.
    public static func load(directory: String?) throws(RuleSetErrors) -> RuleSet {
        if let directory { return try RuleSet.load(directory: directory) }
        return try RuleSet.compile(defaultSources)
    }
}
