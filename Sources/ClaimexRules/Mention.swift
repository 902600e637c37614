import ClaimexModel
import Foundation

/// A value a rule's field evaluated to.
public enum FieldValue: Sendable, Hashable, CustomStringConvertible {
    case text(String)
    case number(Decimal)
    /// Indices of earlier mentions (into `RuleEngine.Result.mentions`).
    case mentions([Int])

    public var description: String {
        switch self {
        case .text(let text): "\"\(text)\""
        case .number(let number): "\(number)"
        case .mentions(let indices): "mentions\(indices)"
        }
    }
}

/// Something a rule found: a span of tokens with a label and the fields its rule set.
public struct Mention: Sendable, Hashable {
    /// What it is: `ORG`, `MONEY`, `ROLE`, `CUE`, `INVESTMENT`, ...
    public let label: String
    /// The stage that made it.
    public let stage: Stage
    /// The rule that made it.
    public let rule: String
    /// The rule's priority.
    public let priority: Int
    /// The tokens of the mention (the `span` capture, or the whole match).
    public let tokens: Range<Int>
    /// The tokens the whole pattern matched.
    public let match: Range<Int>
    /// The mention's text span.
    public let span: TextSpan
    /// The sentence it is in (index into the analyzed text's sentences).
    public let sentence: Int
    /// The rule's fields, evaluated.
    public let fields: [String: FieldValue]
    /// Each capture's tokens.
    public let captures: [String: Range<Int>]
}

/// A candidate that lost an overlap, and to whom: shown by `claimex explain`.
public struct OverlapLoss: Sendable, Hashable {
    /// The rule that lost.
    public let rule: String
    /// The tokens it matched.
    public let tokens: Range<Int>
    /// The rule that won.
    public let winner: String
    /// The winner's tokens.
    public let winnerTokens: Range<Int>
}
