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

    /// Start tokens matched between two deadline checks within a sentence.
    static let checkInterval = 256

    /// Runs every stage over `text`.
    public func run(_ text: AnalyzedText) -> Result {
        do {
            return try run(text, deadline: .none)
        } catch {
            preconditionFailure("a run without a deadline stopped: \(error)")
        }
    }

    /// Runs every stage over `text`, checking `deadline` at every sentence (and every
    /// `checkInterval` tokens of a long one); throws when it passes.
    public func run(_ text: AnalyzedText, deadline: Deadline) throws(PageAbandoned) -> Result {
        var mentions: [Mention] = []
        var losses: [OverlapLoss] = []
        // Each token's vocabulary ids and flags, once for every stage.
        let keys = PageKeys(tokens: text.tokens, tables: rules.tables)
        let scratch = ScratchStack()
        for stage in Stage.allCases {
            guard let plan = rules.plans[stage], !plan.rules.isEmpty else { continue }
            let stageRules = plan.rules
            var earlier: [(index: Int, start: Int, label: UInt64, end: Int)] = []
            earlier.reserveCapacity(mentions.count)
            var labelsAt = [UInt64](repeating: 0, count: text.tokens.count + 1)
            // Mentions are read in place: copying each (fields, captures) to read two of them
            // would retain and release all the rest.
            for index in mentions.indices where mentions[index].label != "SKIP" {
                let bit = LabelBits.mask(mentions[index].label)
                let tokens = mentions[index].tokens
                earlier.append((index, tokens.lowerBound, bit, tokens.upperBound))
                for token in tokens { labelsAt[token] |= bit }
            }
            let byStart = MentionStarts(tokenCount: text.tokens.count, mentions: earlier)
            var matcher = Matcher(tokens: text.tokens, keys: keys, tries: rules.tables.tries, mentionsByStart: byStart, labelsAt: labelsAt,
                                  scratch: scratch)
            var candidates: [Candidate] = []
            let programs = plan.programs
            // The rules that may start at a token, each once and in rule order: `lastTried`
            // says at which token a rule was last listed.
            var lastTried = [Int](repeating: -1, count: stageRules.count)
            var starting: [Int] = []
            var meetings = RequirementMeetings(requirements: plan.requirementCount)
            var lastStart = [Int](repeating: Int.max, count: stageRules.count)
            // The rules of `plan.anyToken` (by position there) that may still start in the
            // sentence: one whose last start is passed drops out, so each token is not
            // checked against every such rule of the stage.
            var anyTokenLeft: [Int] = []
            for (sentenceIndex, sentence) in text.sentences.enumerated() {
                matcher.sentenceBounds = sentence.tokens
                plan.findMeetings(in: sentence.tokens, keys: keys, labelsAt: labelsAt, into: &meetings)
                // A sentence where no rule's requirements are met is passed over at once (most
                // sentences, in the later stages).
                guard plan.lastStarts(meetings: meetings, into: &lastStart) >= sentence.tokens.lowerBound else { continue }
                anyTokenLeft.removeAll(keepingCapacity: true)
                for (position, index) in plan.anyToken.enumerated() where lastStart[index] >= sentence.tokens.lowerBound {
                    anyTokenLeft.append(position)
                }
                for start in sentence.tokens {
                    if (start - sentence.tokens.lowerBound) % Self.checkInterval == 0 {
                        try deadline.check("matching the \(stage.rawValue) rules, sentence \(sentenceIndex + 1) of \(text.sentences.count)")
                    }
                    starting.removeAll(keepingCapacity: true)
                    func list(_ index: Int) {
                        guard lastTried[index] != start else { return }
                        lastTried[index] = start
                        if start <= lastStart[index] { starting.append(index) }
                    }
                    anyTokenLeft.removeAll { start > lastStart[plan.anyToken[$0]] }
                    for position in anyTokenLeft {
                        let index = plan.anyToken[position]
                        if let test = plan.firstTests[position],
                           !plan.firstTestTable.passes(test, start, tokens: text.tokens, keys: keys, tries: rules.tables.tries,
                                                       labels: labelsAt[start]) {
                            continue
                        }
                        lastTried[index] = start
                        starting.append(index)
                    }
                    for position in plan.byWord.positions(of: keys.lower[start]) { list(plan.byWord.value(at: position)) }
                    for mention in byStart.positions(of: start) where byStart.label(at: mention) != 0 {
                        for index in plan.byLabel[byStart.label(at: mention).trailingZeroBitCount] { list(index) }
                    }
                    starting.sort()
                    for ruleIndex in starting where plan.requirementsFollow(ruleIndex, from: start, meetings: meetings) {
                        let limit = min(sentence.tokens.upperBound, start + Self.maxMatchTokens)
                        guard let found = matcher.longestMatch(programs[ruleIndex], start: start, limit: limit), found.end > start else { continue }
                        candidates.append(Candidate(rule: ruleIndex, match: start..<found.end, slots: found.slots, sentence: sentenceIndex))
                    }
                }
            }
            let policy = rules.policies[stage] ?? .longest
            try deadline.check("settling overlaps of the \(stage.rawValue) rules (\(candidates.count) candidates)")
            let (winners, lost) = Self.resolve(candidates, rules: stageRules, policy: policy, stage: stage)
            losses += lost
            let evaluator = FieldEvaluator(text: text, rules: rules, mentions: mentions, mentionsByStart: byStart, keys: keys)
            var made: [Mention] = []
            for (number, candidate) in winners.enumerated() {
                if number % Self.checkInterval == 0 {
                    try deadline.check("evaluating the fields of the \(stage.rawValue) rules, match \(number + 1) of \(winners.count)")
                }
                // The rule's parts are read where they are: a copy of the whole rule would
                // retain and release each of its many fields.
                let rule = candidate.rule
                let captures = candidate.captures(of: programs[rule])
                let tokens = stageRules[rule].spanCapture.flatMap { captures[$0] } ?? candidate.match
                guard !tokens.isEmpty, let span = text.span(ofTokens: tokens) else { continue }
                var fields: [String: FieldValue] = [:]
                fields.reserveCapacity(stageRules[rule].fields.count)
                let captureLexicons = stageRules[rule].captureLexicons
                for (name, expression) in stageRules[rule].fields {
                    if let value = evaluator.evaluate(expression, captures: captures, captureLexicons: captureLexicons) { fields[name] = value }
                }
                made.append(Mention(label: stageRules[rule].label, stage: stage, rule: stageRules[rule].id, priority: stageRules[rule].priority,
                                    tokens: tokens, match: candidate.match, span: span, sentence: candidate.sentence, fields: fields,
                                    captures: captures))
            }
            if stage == .entities { made += Self.sameDocumentMentions(of: made, in: text) }
            made.sort { ($0.tokens.lowerBound, $0.tokens.upperBound, $0.rule) < ($1.tokens.lowerBound, $1.tokens.upperBound, $1.rule) }
            mentions += made
        }
        return Result(mentions: mentions, losses: losses)
    }

    /// The id written in the `rule` of mentions found by `sameDocumentMentions`.
    public static let sameDocumentRule = "entity.same-document"

    /// Words that may end an organization's name and be left out when it is named again
    /// (`Quarry Ventures` → `Quarry`).
    static let droppableSuffixes: Set<String> = [
        "AI", "Labs", "Lab", "Inc", "Inc.", "Corp", "Corp.", "Corporation", "Co.", "Ltd", "Ltd.", "Limited", "LLC", "plc",
        "PLC", "GmbH", "AG", "SA", "SE", "NV", "Technologies", "Technology", "Systems", "Group", "Holdings", "Capital",
        "Ventures", "Partners", "Robotics", "Therapeutics", "Bio", "Energy", "Networks", "Software", "Analytics",
        "Platforms", "Industries", "Payments", "Logistics", "Health", "Motors", "Media",
    ]

    /// After the entities stage: every name found is found again wherever else it is
    /// written in the document, and so are a person's surname (`Natarajan` after `Priya
    /// Natarajan`) and an organization's name without its suffix (`Quarry` after `Quarry
    /// Ventures`), where no other mention is. Later stages then see every mention.
    static func sameDocumentMentions(of found: [Mention], in text: AnalyzedText) -> [Mention] {
        var forms: [[String]: Mention] = [:]
        for mention in found where Stage.entityLabels.contains(mention.label) {
            let words = text.tokens[mention.tokens].map(\.text)
            if forms[words] == nil { forms[words] = mention }
            if mention.label == "PERSON", words.count >= 2, let last = words.last, last.count > 1,
               last.first?.isUppercase == true, forms[[last]] == nil {
                forms[[last]] = Mention(label: "PERSON", stage: .entities, rule: sameDocumentRule, priority: 0, tokens: 0..<0,
                                        match: 0..<0, span: TextSpan(0, 0), sentence: 0, fields: [:], captures: [:])
            }
            if mention.label == "ORG", words.count >= 2 {
                var short = words
                while let last = short.last, short.count > 1, droppableSuffixes.contains(last) { short.removeLast() }
                if short.count < words.count, short.joined().count > 2, forms[short] == nil {
                    forms[short] = Mention(label: "ORG", stage: .entities, rule: sameDocumentRule, priority: 0, tokens: 0..<0,
                                           match: 0..<0, span: TextSpan(0, 0), sentence: 0, fields: [:], captures: [:])
                }
            }
        }
        guard !forms.isEmpty else { return [] }
        var covered = Array(repeating: false, count: text.tokens.count)
        for mention in found { for index in mention.tokens { covered[index] = true } }
        var sentenceOf = Array(repeating: 0, count: text.tokens.count)
        for (index, sentence) in text.sentences.enumerated() { for token in sentence.tokens { sentenceOf[token] = index } }
        // Only a token that begins some form can begin a mention: the rest are passed by
        // with one lookup, and most of them by the sieve alone, without hashing their text.
        // Where a word begins forms, the lengths of those forms are looked up, longest first.
        var lengths: [String: [Int]] = [:]
        for form in forms.keys { if let first = form.first { lengths[first, default: []].append(form.count) } }
        let lengthsOfFirst = lengths.mapValues { $0.sorted(by: >) }
        let firstWords = Set(lengthsOfFirst.keys)
        let sieve = WordSieve(firstWords)
        var added: [Mention] = []
        var position = 0
        while position < text.tokens.count {
            guard sieve.mayHold(text.tokens[position].text), let lengths = lengthsOfFirst[text.tokens[position].text] else {
                position += 1
                continue
            }
            var matched = 0
            for length in lengths where length <= text.tokens.count - position {
                let words = text.tokens[position..<(position + length)].map(\.text)
                if let source = forms[words], !covered[position..<(position + length)].contains(true),
                   sentenceOf[position] == sentenceOf[position + length - 1] {
                    let tokens = position..<(position + length)
                    var fields: [String: FieldValue] = [:]
                    if source.rule != sameDocumentRule, let name = source.fields["name"] { fields["name"] = name }
                    if source.rule != sameDocumentRule, let key = source.fields["key"] { fields["key"] = key }
                    if let span = text.span(ofTokens: tokens) {
                        added.append(Mention(label: source.label, stage: .entities, rule: sameDocumentRule, priority: 0, tokens: tokens,
                                             match: tokens, span: span, sentence: sentenceOf[position], fields: fields, captures: [:]))
                    }
                    matched = length
                    break
                }
            }
            position += max(matched, 1)
        }
        return added
    }

    /// A set of words as a bitmap of 1,024 bits, one per (length, first byte, last byte)
    /// bucket: a word whose bucket is empty is not in the set, found without hashing it.
    struct WordSieve {
        private var bits = [UInt64](repeating: 0, count: 16)

        init(_ words: some Sequence<String>) {
            for word in words {
                let bucket = Self.bucket(word)
                bits[bucket >> 6] |= 1 << UInt64(bucket & 63)
            }
        }

        /// False when `word` is surely not in the set.
        @inline(__always)
        func mayHold(_ word: String) -> Bool {
            let bucket = Self.bucket(word)
            return bits[bucket >> 6] & (1 << UInt64(bucket & 63)) != 0
        }

        @inline(__always)
        private static func bucket(_ word: String) -> Int {
            let utf8 = word.utf8
            let first = Int(utf8.first ?? 0), last = Int(utf8.last ?? 0)
            return (utf8.count &* 131 &+ first &* 31 &+ last) & 1023
        }
    }

    /// A match not yet settled against the others. Its captures stay as the matcher's slots
    /// (capture `i` at `2i` and `2i + 1`, -1 when unset) until it wins: most candidates lose,
    /// and a dictionary of their captures would be made for nothing.
    struct Candidate {
        let rule: Int
        let match: Range<Int>
        let slots: [Int]
        let sentence: Int

        /// Capture number `index` (its slots `2 × index` and `2 × index + 1`), when it was set.
        private func capture(_ index: Int) -> Range<Int>? {
            let low = slots[2 * index], high = slots[2 * index + 1]
            return low >= 0 && high >= low ? low..<high : nil
        }

        /// The capture `name` of `program`; of a name captured in several places, the last
        /// one set.
        func capture(_ name: String, of program: Program) -> Range<Int>? {
            var found: Range<Int>?
            for (index, captureName) in program.captureNames.enumerated() where captureName == name {
                if let range = capture(index) { found = range }
            }
            return found
        }

        /// Every capture that was set, by name (`capture(_:of:)` for each).
        func captures(of program: Program) -> [String: Range<Int>] {
            var captures: [String: Range<Int>] = [:]
            for (index, name) in program.captureNames.enumerated() {
                if let range = capture(index) { captures[name] = range }
            }
            return captures
        }
    }

    /// Settles overlaps. `longest` and `priority` keep a set of non-overlapping candidates,
    /// chosen greedily in the policy's order; `all` keeps every candidate once. In the
    /// `roles` stage candidates compete per target amount rather than per span.
    static func resolve(_ candidates: [Candidate], rules: [Rule], policy: OverlapPolicy, stage: Stage) -> ([Candidate], [OverlapLoss]) {
        // Candidates compete for what they would make: their span capture, else the match.
        // Each candidate's region and priority are read once; the sort compares integers.
        let regions = candidates.map { candidate -> Range<Int> in
            if stage == .roles { return rules[candidate.rule].targetRegion(candidate) ?? candidate.match }
            return rules[candidate.rule].spanCapture.flatMap { candidate.capture($0, of: rules[candidate.rule].program) } ?? candidate.match
        }
        let priorities = candidates.map { rules[$0.rule].priority }
        func order(_ a: Int, _ b: Int) -> Bool {
            let (la, lb) = (regions[a].count, regions[b].count)
            let (pa, pb) = (priorities[a], priorities[b])
            switch policy {
            case .priority:
                if pa != pb { return pa > pb }
                if la != lb { return la > lb }
            default:
                if la != lb { return la > lb }
                if pa != pb { return pa > pb }
            }
            let (ca, cb) = (candidates[a], candidates[b])
            if ca.match.lowerBound != cb.match.lowerBound { return ca.match.lowerBound < cb.match.lowerBound }
            return ca.rule < cb.rule
        }
        let sorted = candidates.indices.sorted(by: order)
        var kept: [Candidate] = []
        var losses: [OverlapLoss] = []
        if policy == .all {
            var seen: Set<[Int]> = []
            for index in sorted {
                let candidate = candidates[index]
                if seen.insert([candidate.rule, candidate.match.lowerBound, candidate.match.upperBound]).inserted { kept.append(candidate) }
            }
        } else {
            // The first kept candidate in the way: in the roles stage the one with the same
            // target, else one whose region overlaps. Kept regions never overlap one
            // another, so each token has at most one owner, and a lookup costs the length
            // of a region rather than the number of candidates kept (a page of thousands
            // of amounts stays linear).
            var ownerOfToken = [Int](repeating: -1, count: regions.map(\.upperBound).max() ?? 0)
            var ownerOfRegion: [Range<Int>: Int] = [:]
            for index in sorted {
                let candidate = candidates[index]
                let own = regions[index]
                let winner = stage == .roles ? ownerOfRegion[own] : own.lazy.map { ownerOfToken[$0] }.filter { $0 >= 0 }.min()
                if let winner {
                    losses.append(OverlapLoss(rule: rules[candidate.rule].id, tokens: candidate.match,
                                              winner: rules[kept[winner].rule].id, winnerTokens: kept[winner].match))
                } else {
                    kept.append(candidate)
                    if stage == .roles {
                        ownerOfRegion[own] = kept.count - 1
                    } else {
                        for token in own { ownerOfToken[token] = kept.count - 1 }
                    }
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
            if case .call(_, let arguments) = expression, let capture = arguments.first { return candidate.capture(capture, of: program) }
        }
        return nil
    }
}

