import Foundation

/// A parsed token pattern: the syntax tree of a rule's `pattern`.
public indirect enum PatternNode: Sendable, Hashable {
    /// One token that passes a test.
    case token(TokenTest)
    /// A phrase of a lexicon (`@currency_symbols`): one or more tokens.
    case lexicon(String)
    /// A mention made by an earlier stage (`ORG`, `MONEY`): all of its tokens as one unit.
    case mention(String)
    /// Parts in a row.
    case sequence([PatternNode])
    /// Any one of several alternatives, the first preferred.
    case alternation([PatternNode])
    /// A part repeated between `min` and `max` times (`max` nil: unbounded), greedily.
    case repetition(PatternNode, min: Int, max: Int?)
    /// A named capture `(?<name> ...)`.
    case capture(String, PatternNode)
    /// Context that must (`negated` false) or must not be there, before or after, matching nothing itself.
    case lookaround(PatternNode, behind: Bool, negated: Bool)
}

/// What one token must be.
public struct TokenTest: Sendable, Hashable, CustomStringConvertible {
    /// One condition; all of a test's conditions must hold.
    public enum Condition: Sendable, Hashable {
        /// The token text is one of these (exact case).
        case text(Set<String>, negated: Bool)
        /// The lowercased token text is one of these.
        case lower(Set<String>, negated: Bool)
        /// The token shape is one of these.
        case shape(Set<String>, negated: Bool)
        /// The token kind is one of these.
        case kind(Set<String>, negated: Bool)
        /// A yes/no attribute: `cap`, `upper`, `num`, `space`, `word`, `punct`.
        case flag(String, Bool)
        /// A number attribute (`value`, `length`) compared with a constant.
        case compare(String, ComparisonOperator, Decimal)
        /// The token alone is an entry of a lexicon.
        case inLexicon(String, negated: Bool)
        /// The token is inside a mention with one of these labels (from an earlier stage).
        case inMention(Set<String>, negated: Bool)
    }

    /// `=`, `!=`, `<`, `<=`, `>`, `>=`.
    public enum ComparisonOperator: String, Sendable, Hashable {
        case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    }

    /// The conditions, all of which must hold; none matches any token.
    public let conditions: [Condition]
    /// The source text, for listings and `explain`.
    public let source: String

    public var description: String { source }

    /// Hashes the source text only. Equal tests have equal sources (`==` compares both),
    /// and a test's word sets may hold thousands of words: hashing them all made the rule
    /// compiler's cache of compiled tests cost more than compiling.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(source)
        hasher.combine(conditions.count)
    }
}

/// The attributes a token test may name, for validation and suggestions.
public enum TokenAttributes {
    /// Attributes compared with `=` or `!=` against `|`-separated values.
    public static let valued: Set<String> = ["text", "lower", "shape", "kind", "lex", "in"]
    /// Yes/no attributes, written bare (`cap`) or negated (`!cap`).
    public static let flags: Set<String> = ["cap", "upper", "num", "space", "word", "punct", "any"]
    /// Number attributes compared with `<`, `<=`, `>`, `>=`, `=`, `!=`.
    public static let numeric: Set<String> = ["value", "length"]
    /// Every attribute.
    public static var all: Set<String> { valued.union(flags).union(numeric) }
    /// Token kinds `kind=` accepts.
    public static let kinds: Set<String> = ["word", "number", "punctuation", "symbol", "other"]
}

/// A pattern syntax error at a character offset of the pattern text.
struct PatternSyntaxError: Error {
    let offset: Int
    let code: RuleFileError.Code
    let message: String
    let hint: String?

    init(_ offset: Int, _ message: String, code: RuleFileError.Code = .patternSyntax, hint: String? = nil) {
        self.offset = offset
        self.message = message
        self.code = code
        self.hint = hint
    }
}
