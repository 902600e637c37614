import ClaimexExtract
import ClaimexModel
import ClaimexRules
import ClaimexText
import Foundation

/// How the rules fare on a corpus (`claimex rules coverage`): per rule how often it fires,
/// how many records it makes and how many examples it carries; the rules that never fire;
/// and the sentences that look like they state money but gave no money record.
///
/// A sentence *looks like money* when it has a token that is a currency sign (an entry of
/// the `currency-symbols` lexicon, or any character of Unicode's currency-symbol category),
/// a currency code (the `currency-codes` lexicon: `USD`, `EUR`), a currency word after a
/// number (the `currency-words` lexicon: `40 million euros`), or a number followed by a
/// scale word (the `scale-words` lexicon: `50 million`, `Rs 500 crore`). It is listed when no
/// money record's span starts inside it. A cue inside a blocker's match (a `SKIP` mention,
/// such as a cashtag) is listed with the blocker, as money the rules chose not to read.
public struct RuleCoverage: Sendable {
    /// One rule's figures.
    public struct RuleFigures: Sendable, Hashable {
        /// The rule's id.
        public let rule: String
        /// Its stage.
        public let stage: String
        /// Mentions it made that won their overlaps, over every page.
        public var fires = 0
        /// Candidates of it that lost an overlap to another rule.
        public var lost = 0
        /// Pages where it fired.
        public var pages = 0
        /// Records whose `rule` or `role_rule` it is.
        public var records = 0
        /// Examples it carries: positive, negative and todo.
        public let positiveExamples: Int
        public let negativeExamples: Int
        public let todoExamples: Int
    }

    /// A sentence that looks like it states money but gave no money record.
    public struct MoneySentence: Sendable, Hashable {
        /// The page.
        public let path: String
        /// The sentence's 1-based number in the page (as `claimex explain --sentence N` counts).
        public let number: Int
        /// The sentence.
        public let text: String
        /// What made it look like money: the cue as written and its kind (`sign`, `code`,
        /// `currency word`, `number+scale`).
        public let cues: [String]
        /// The blocker rules whose matches cover a cue, if any.
        public let blockedBy: [String]
    }

    /// Per rule, in the rule set's order.
    public let rules: [RuleFigures]
    /// Sentences that look like money without a money record, by page and position.
    public let moneyWithoutClaim: [MoneySentence]
    /// Pages read, and pages that gave an error record instead of an article.
    public let pages: Int
    public let failedPages: Int

    /// The rules that never fired on the corpus.
    public var neverFired: [RuleFigures] { rules.filter { $0.fires == 0 } }

    /// Measures `rules` on the pages of `inputs`.
    public init(inputs: [InputItem], rules ruleSet: RuleSet, jobs: Int, limits: ProcessingLimits = ProcessingLimits()) throws {
        let processor = DocumentProcessor(rules: ruleSet, limits: limits)
        let extractor = ClaimExtractor(rules: ruleSet)
        let cues = MoneyCues(rules: ruleSet)
        var figures = ruleSet.rules.map { rule in
            RuleFigures(rule: rule.id, stage: rule.stage.rawValue,
                        positiveExamples: rule.examples.filter { !$0.isTodo && !$0.expect.isEmpty }.count,
                        negativeExamples: rule.examples.filter(\.isNegative).count,
                        todoExamples: rule.examples.filter(\.isTodo).count)
        }
        let index = Dictionary(figures.enumerated().map { ($1.rule, $0) }, uniquingKeysWith: { a, _ in a })
        var sentences: [MoneySentence] = []
        var pages = 0, failed = 0
        try OrderedParallelMap<InputItem, PageCoverage>(jobs: jobs).run(inputs, transform: { item in
            PageCoverage(result: processor.process(path: item.path), extractor: extractor, cues: cues)
        }, consume: { _, _, page in
            pages += 1
            guard page.analyzed else { failed += 1; return }
            for (rule, count) in page.fires { if let at = index[rule] { figures[at].fires += count; figures[at].pages += 1 } }
            for (rule, count) in page.lost { if let at = index[rule] { figures[at].lost += count } }
            for (rule, count) in page.records { if let at = index[rule] { figures[at].records += count } }
            sentences += page.moneyWithoutClaim
        })
        self.rules = figures
        moneyWithoutClaim = sentences
        self.pages = pages
        failedPages = failed
    }
}

/// One page's share of the coverage.
private struct PageCoverage: Sendable {
    var analyzed = false
    var fires: [String: Int] = [:]
    var lost: [String: Int] = [:]
    var records: [String: Int] = [:]
    var moneyWithoutClaim: [RuleCoverage.MoneySentence] = []

    init(result: DocumentResult, extractor: ClaimExtractor, cues: MoneyCues) {
        guard case .extracted(let document) = result.outcome else { return }
        analyzed = true
        let text = extractor.analyze(document.article)
        let run = extractor.run(text)
        for mention in run.mentions { fires[mention.rule, default: 0] += 1 }
        for loss in run.losses { lost[loss.rule, default: 0] += 1 }
        let claims = document.claims
        for entity in claims.entities { records[entity.rule, default: 0] += 1 }
        for money in claims.money {
            records[money.rule, default: 0] += 1
            if let role = money.roleRule { records[role, default: 0] += 1 }
        }
        for investment in claims.investments { records[investment.rule, default: 0] += 1 }

        let moneyStarts = claims.money.map(\.amount.span.start)
        let blockers = run.mentions.filter { $0.label == "SKIP" && $0.stage == .money }
        for (number, sentence) in text.sentences.enumerated() {
            let found = cues.cues(in: text, sentence: sentence)
            guard !found.isEmpty, !moneyStarts.contains(where: { sentence.span.start <= $0 && $0 < sentence.span.end }) else { continue }
            var blockedBy: [String] = []
            for cue in found {
                for blocker in blockers where blocker.tokens.overlaps(cue.tokens) && !blockedBy.contains(blocker.rule) {
                    blockedBy.append(blocker.rule)
                }
            }
            moneyWithoutClaim.append(RuleCoverage.MoneySentence(
                path: result.path, number: number + 1, text: text.string(sentence.span),
                cues: found.map { "\(text.string(TextSpan(text.tokens[$0.tokens.lowerBound].span.start, text.tokens[$0.tokens.upperBound - 1].span.end))) (\($0.kind))" },
                blockedBy: blockedBy))
        }
    }
}

/// Finds the tokens of a sentence that look like money (see `RuleCoverage`).
struct MoneyCues: Sendable {
    struct Cue: Sendable {
        let tokens: Range<Int>
        let kind: String
    }

    let symbols: Lexicon?
    let codes: Lexicon?
    let words: Lexicon?
    let scales: Lexicon?

    init(rules: RuleSet) {
        symbols = rules.lexicon("currency-symbols")
        codes = rules.lexicon("currency-codes")
        words = rules.lexicon("currency-words")
        scales = rules.lexicon("scale-words")
    }

    func cues(in text: AnalyzedText, sentence: Sentence) -> [Cue] {
        let tokens = text.tokens
        let end = sentence.tokens.upperBound
        var found: [Cue] = []
        var index = sentence.tokens.lowerBound
        func longest(_ lexicon: Lexicon?, at start: Int) -> Int? {
            lexicon?.matches(in: tokens, at: start, limit: end).map(\.end).max()
        }
        while index < end {
            let token = tokens[index]
            if let stop = longest(symbols, at: index) {
                found.append(Cue(tokens: index..<stop, kind: "sign")); index = stop; continue
            }
            if token.kind == .symbol, token.text.unicodeScalars.contains(where: { $0.properties.generalCategory == .currencySymbol }) {
                found.append(Cue(tokens: index..<(index + 1), kind: "sign")); index += 1; continue
            }
            if let stop = longest(codes, at: index) {
                found.append(Cue(tokens: index..<stop, kind: "code")); index = stop; continue
            }
            if token.kind == .number, index + 1 < end {
                // A number, then (past a scale word) a currency word; or a number and a scale word.
                var next = index + 1
                let scaleEnd = longest(scales, at: next)
                if let scaleEnd { next = scaleEnd }
                if next < end, let stop = longest(words, at: next) {
                    found.append(Cue(tokens: index..<stop, kind: "currency word")); index = stop; continue
                }
                if let scaleEnd {
                    found.append(Cue(tokens: index..<scaleEnd, kind: "number+scale")); index = scaleEnd; continue
                }
            }
            index += 1
        }
        return found
    }
}
