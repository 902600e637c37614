import Foundation

/// The stages of the cascade, in the order they run. A stage's patterns can use the
/// mentions of every earlier stage as single units (`ORG`, `MONEY`).
public enum Stage: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Organizations, people, products and places.
    case entities
    /// Money amounts.
    case money
    /// What an amount is (funding, valuation, ...) and whom it is about.
    case roles
    /// Words that qualify a statement: reported, planned, negated, rumored.
    case cues
    /// Investor → investee edges.
    case relations

    /// The labels of entity mentions, which `ENTITY` stands for in patterns.
    public static let entityLabels: Set<String> = ["ORG", "PERSON", "PRODUCT", "GPE"]

    /// The labels a stage's rules may make.
    public var labels: Set<String> {
        switch self {
        case .entities: Stage.entityLabels.union(["SKIP"])
        case .money: ["MONEY", "SKIP"]
        case .roles: ["ROLE", "SKIP"]
        case .cues: ["CUE", "SKIP"]
        case .relations: ["INVESTMENT", "NOT_INVESTMENT", "SKIP"]
        }
    }

    /// The labels patterns of this stage may refer to: those of earlier stages.
    public var visibleLabels: Set<String> {
        var labels: Set<String> = []
        for stage in Stage.allCases where stage < self {
            labels.formUnion(stage.labels.subtracting(["SKIP", "ROLE", "NOT_INVESTMENT"]))
        }
        if labels.contains("ORG") { labels.insert("ENTITY") }
        return labels
    }

    public static func < (a: Stage, b: Stage) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// How a stage settles candidates that overlap.
public enum OverlapPolicy: String, Sendable, Hashable, CaseIterable {
    /// The longest wins, then the higher priority, then the earlier.
    case longest
    /// The higher priority wins, then the longest, then the earlier.
    case priority
    /// Every candidate stays (identical ones are merged).
    case all
}

/// A field of a rule's output: a constant, or a normalizer applied to captures.
public enum FieldExpression: Sendable, Hashable, CustomStringConvertible {
    case constant(String)
    case call(String, [String])

    public var description: String {
        switch self {
        case .constant(let value): value
        case .call(let name, let arguments): "\(name)(\(arguments.joined(separator: ", ")))"
        }
    }
}

/// One expected record of an example: field name → expected value.
public typealias ExpectedRecord = [(String, ExampleValue)]

/// A value in an example's `expect`.
public enum ExampleValue: Sendable, Hashable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Decimal)
    case string(String)
    case list([ExampleValue])
    /// Some fields of a nested object (an investment's `amount`): only these are compared.
    case object([String: ExampleValue])

    public var description: String {
        switch self {
        case .null: "null"
        case .bool(let value): String(value)
        case .number(let value): "\(value)"
        case .string(let value): "\"\(value)\""
        case .list(let values): "[" + values.map(\.description).joined(separator: ", ") + "]"
        case .object(let members): "{" + members.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        }
    }
}

/// An example a rule carries: a text and the records it must give, or none.
public struct RuleExample: Sendable {
    /// The text, one or more sentences.
    public let text: String
    /// The records expected; empty for a negative example (the rule must not fire).
    public let expect: [ExpectedRecord]
    /// A known gap: reported, never failing.
    public let isTodo: Bool
    /// Where the example is.
    public let file: String
    public let line: Int

    /// Whether this is a negative example.
    public var isNegative: Bool { expect.isEmpty && !isTodo }
}

/// A compiled rule.
public struct Rule: Sendable {
    /// The stable id (`money.symbol-number-scale`), written in every record it makes.
    public let id: String
    /// Former ids of the rule.
    public let aliases: [String]
    /// The stage the rule runs in.
    public let stage: Stage
    /// One line saying what the rule finds.
    public let description: String
    /// Wins overlaps against lower priorities (by the stage's policy).
    public let priority: Int
    /// The pattern as written.
    public let patternSource: String
    /// The parsed pattern.
    public let pattern: PatternNode
    /// What the rule makes.
    public let label: String
    /// The capture that is the mention's span; nil for the whole match.
    public let spanCapture: String?
    /// The record fields, in file order.
    public let fields: [(String, FieldExpression)]
    /// The examples.
    public let examples: [RuleExample]
    /// Where the rule is defined.
    public let file: String
    public let line: Int

    let program: Program
    let firstSet: FirstSet
    /// What every match contains, for each alternative of the pattern: the rule is tried
    /// only where all of one alternative's requirements follow.
    let requirements: [[Requirement]]
    /// The same requirements of each alternative in the order a match meets them, one
    /// token after another.
    let orderedRequirements: [[Requirement]]

    /// The requirements as text, one line per alternative (`invested|poured + in + ORG`),
    /// each requirement's words (a lexicon's first words cut to a count) and labels joined
    /// by `|`; empty when the rule requires nothing and is tried at every token.
    public var requirementSummary: [String] {
        requirements.map { alternative in
            alternative.map { requirement in
                let words = requirement.lowers.sorted()
                let shown = words.count > 6 ? Array(words.prefix(5)) + ["… \(words.count) words"] : words
                return (shown + requirement.labels.sorted()).joined(separator: "|")
            }.joined(separator: " + ")
        }
    }
    /// For each capture, the lexicons its part of the pattern names: where `lookup` and
    /// `canonical` look first.
    let captureLexicons: [String: [Int]]
}

/// The tokens a pattern can start with, so a rule is tried only where it can match.
struct FirstSet: Sendable {
    var anyToken = false
    var lowers: Set<String> = []
    var labels: Set<String> = []
}
