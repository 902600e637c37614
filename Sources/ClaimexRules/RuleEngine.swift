import ClaimexModel
import ClaimexText
import Foundation

/// Runs a rule set's stages over an analyzed text, each stage over the mentions of the
/// stages before it, and settles overlapping candidates by each stage's policy.
public struct RuleEngine: Sendable {
    /// What the stages found.
    public struct Result: Sendable {
        /// Every mention, stage by stage, in text order within a stage.
        public let mentions: [Mention]
        /// Candidates that lost an overlap.
        public let losses: [OverlapLoss]
    }

    /// The longest stretch of tokens one match may cover. Together with the virtual
    /// machine this bounds matching to tokens × this × instructions, however long a
    /// sentence is.
    public static let maxMatchTokens = 64

    /// The rules.
    public let rules: RuleSet

    /// Creates an engine for a compiled rule set.
    public init(rules: RuleSet) {
        self.rules = rules
    }

    /// Runs every stage over `text`.
    public func run(_ text: AnalyzedText) -> Result {
        var mentions: [Mention] = []
        var losses: [OverlapLoss] = []
        for stage in Stage.allCases {
            let stageRules = rules.rules(in: stage)
            guard !stageRules.isEmpty else { continue }
            var byStart: [Int: [(label: String, end: Int)]] = [:]
            for mention in mentions where mention.label != "SKIP" {
                byStart[mention.tokens.lowerBound, default: []].append((mention.label, mention.tokens.upperBound))
            }
            var matcher = Matcher(tokens: text.tokens, lexicons: rules.lexicons, mentionsByStart: byStart)
            var candidates: [Candidate] = []
            for (sentenceIndex, sentence) in text.sentences.enumerated() {
                matcher.sentenceBounds = sentence.tokens
                for start in sentence.tokens {
                    let token = text.tokens[start]
                    let startLabels = Set((byStart[start] ?? []).map(\.label))
                    for (ruleIndex, rule) in stageRules.enumerated() {
                        let first = rule.firstSet
                        guard first.anyToken || first.lowers.contains(token.lower) || !first.labels.isDisjoint(with: startLabels) else { continue }
                        let limit = min(sentence.tokens.upperBound, start + Self.maxMatchTokens)
                        guard let found = matcher.longestMatch(rule.program, start: start, limit: limit), found.end > start else { continue }
                        var captures: [String: Range<Int>] = [:]
                        for (index, name) in rule.program.captureNames.enumerated() {
                            let low = found.slots[2 * index], high = found.slots[2 * index + 1]
                            if low >= 0, high >= low { captures[name] = low..<high }
                        }
                        candidates.append(Candidate(rule: ruleIndex, match: start..<found.end, captures: captures, sentence: sentenceIndex))
                    }
                }
            }
            let policy = rules.policies[stage] ?? .longest
            let (winners, lost) = Self.resolve(candidates, rules: stageRules, policy: policy, stage: stage, existing: mentions)
            losses += lost
            let evaluator = FieldEvaluator(text: text, rules: rules, mentions: mentions)
            var made: [Mention] = []
            for candidate in winners {
                let rule = stageRules[candidate.rule]
                let tokens = rule.spanCapture.flatMap { candidate.captures[$0] } ?? candidate.match
                guard !tokens.isEmpty, let span = text.span(ofTokens: tokens) else { continue }
                var fields: [String: FieldValue] = [:]
                for (name, expression) in rule.fields {
                    if let value = evaluator.evaluate(expression, captures: candidate.captures) { fields[name] = value }
                }
                made.append(Mention(label: rule.label, stage: stage, rule: rule.id, priority: rule.priority, tokens: tokens,
                                    match: candidate.match, span: span, sentence: candidate.sentence, fields: fields,
                                    captures: candidate.captures))
            }
            made.sort { ($0.tokens.lowerBound, $0.tokens.upperBound, $0.rule) < ($1.tokens.lowerBound, $1.tokens.upperBound, $1.rule) }
            mentions += made
        }
        return Result(mentions: mentions, losses: losses)
    }

    struct Candidate {
        let rule: Int
        let match: Range<Int>
        let captures: [String: Range<Int>]
        let sentence: Int
    }

    /// Settles overlaps. `longest` and `priority` keep a set of non-overlapping candidates,
    /// chosen greedily in the policy's order; `all` keeps every candidate once. In the
    /// `roles` stage candidates compete per target amount rather than per span.
    static func resolve(_ candidates: [Candidate], rules: [Rule], policy: OverlapPolicy, stage: Stage,
                        existing: [Mention]) -> ([Candidate], [OverlapLoss]) {
        func order(_ a: Candidate, _ b: Candidate) -> Bool {
            let (ra, rb) = (rules[a.rule], rules[b.rule])
            let (la, lb) = (a.match.count, b.match.count)
            switch policy {
            case .priority:
                if ra.priority != rb.priority { return ra.priority > rb.priority }
                if la != lb { return la > lb }
            default:
                if la != lb { return la > lb }
                if ra.priority != rb.priority { return ra.priority > rb.priority }
            }
            if a.match.lowerBound != b.match.lowerBound { return a.match.lowerBound < b.match.lowerBound }
            return a.rule < b.rule
        }
        let sorted = candidates.sorted(by: order)
        var kept: [Candidate] = []
        var losses: [OverlapLoss] = []
        if policy == .all {
            var seen: Set<String> = []
            for candidate in sorted where seen.insert("\(candidate.rule):\(candidate.match)").inserted { kept.append(candidate) }
        } else {
            for candidate in sorted {
                let region = stage == .roles ? (rules[candidate.rule].targetRegion(candidate) ?? candidate.match) : candidate.match
                if let winner = kept.first(where: { other in
                    let otherRegion = stage == .roles ? (rules[other.rule].targetRegion(other) ?? other.match) : other.match
                    return stage == .roles ? otherRegion == region : otherRegion.overlaps(region)
                }) {
                    losses.append(OverlapLoss(rule: rules[candidate.rule].id, tokens: candidate.match,
                                              winner: rules[winner.rule].id, winnerTokens: winner.match))
                } else {
                    kept.append(candidate)
                }
            }
        }
        return (kept.sorted { ($0.match.lowerBound, $0.rule) < ($1.match.lowerBound, $1.rule) }, losses)
    }
}

extension Rule {
    /// For a role rule, the tokens of the amount it describes (its `target` capture).
    func targetRegion(_ candidate: RuleEngine.Candidate) -> Range<Int>? {
        for (name, expression) in fields where name == "target" {
            if case .call(_, let arguments) = expression, let capture = arguments.first { return candidate.captures[capture] }
        }
        return nil
    }
}
