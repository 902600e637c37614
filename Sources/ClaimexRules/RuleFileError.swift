/// A problem in the rule files, located like a compiler error:
/// `Rules/money/money-amounts.yml:14:9: error: [R101] unknown token attribute 'lowr' (did you mean 'lower'?)`.
public struct RuleFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file, as a path relative to the rules folder's parent when it was read from disk.
    public let file: String
    /// 1-based line, or 0 when the problem is the file as a whole.
    public let line: Int
    /// 1-based column, or 0.
    public let column: Int
    /// The rule the problem is in, when there is one.
    public let ruleID: String?
    /// A stable code users can search for (`R101`).
    public let code: Code
    /// What is wrong.
    public let message: String
    /// What to do about it, when something specific helps.
    public let hint: String?
    /// The source line, to print under the message with a caret.
    public let sourceLine: String?

    /// Stable error codes, grouped by what they concern.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The file is not valid YAML or TSV.
        case syntax = "R001"
        /// The file cannot be read.
        case unreadable = "R002"
        /// A key the rule language does not have.
        case unknownKey = "R010"
        /// A required key is missing.
        case missingKey = "R011"
        /// A value has the wrong type or an unknown name.
        case badValue = "R012"
        /// Two rules share an id.
        case duplicateID = "R020"
        /// A pattern does not parse.
        case patternSyntax = "R100"
        /// A token attribute the engine does not know.
        case unknownAttribute = "R101"
        /// A lexicon no file defines.
        case unknownLexicon = "R102"
        /// A mention label no earlier stage makes.
        case unknownLabel = "R103"
        /// A capture the pattern does not define.
        case unknownCapture = "R104"
        /// A normalizer the engine does not have, or wrong arguments.
        case unknownNormalizer = "R105"
        /// A pattern that can match the empty sequence.
        case matchesEmpty = "R106"
        /// A pattern that can never match.
        case matchesNothing = "R107"
        /// A lookaround of unbounded length.
        case unboundedContext = "R108"
        /// A `%name` that no `define:` gives, or a definition that is malformed.
        case unknownDefinition = "R109"
        /// A rule without a positive and a negative example.
        case missingExamples = "R200"
        /// An example that is malformed.
        case badExample = "R201"
        /// A lexicon row that is malformed.
        case badLexiconRow = "R300"
    }

    /// Creates an error.
    public init(file: String, line: Int, column: Int, ruleID: String? = nil, code: Code, message: String,
                hint: String? = nil, sourceLine: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.ruleID = ruleID
        self.code = code
        self.message = message
        self.hint = hint
        self.sourceLine = sourceLine
    }

    /// `FILE:LINE:COL: error: [CODE] message`, then the source line with a caret under the
    /// column, then the hint.
    public var description: String {
        var location = file
        if line > 0 { location += ":\(line)" }
        if column > 0 { location += ":\(column)" }
        var text = "\(location): error: [\(code.rawValue)] \(message)"
        if let ruleID { text += " (rule \(ruleID))" }
        if let sourceLine, line > 0 {
            text += "\n    " + sourceLine
            if column > 0 {
                let prefix = sourceLine.prefix(column - 1).map { $0 == "\t" ? "\t" : " " }.joined()
                text += "\n    " + prefix + "^"
            }
        }
        if let hint { text += "\n    hint: \(hint)" }
        return text
    }

    /// The closest of `candidates` to `word`, when it is close enough to be a likely typo.
    public static func suggestion(for word: String, among candidates: some Sequence<String>) -> String? {
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(word.lowercased(), candidate.lowercased())
            if distance <= max(1, min(word.count, candidate.count) / 3), best == nil || distance < best!.1 {
                best = (candidate, distance)
            }
        }
        return best?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// Every problem found in a rule set; loading fails with all of them, not just the first.
public struct RuleSetErrors: Error, Sendable, CustomStringConvertible {
    /// The problems, in file and line order.
    public let errors: [RuleFileError]

    /// Creates the error list.
    public init(_ errors: [RuleFileError]) {
        self.errors = errors.sorted { ($0.file, $0.line, $0.column) < ($1.file, $1.line, $1.column) }
    }

    public var description: String {
        errors.map(\.description).joined(separator: "\n") + "\n\(errors.count) error\(errors.count == 1 ? "" : "s") in the rules"
    }
}
