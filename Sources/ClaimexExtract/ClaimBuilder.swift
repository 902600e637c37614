import ClaimexModel
import ClaimexRules
import ClaimexText
import Foundation

/// Builds the contract's records from the mentions the rule stages made.
struct ClaimBuilder {
    let text: AnalyzedText
    let mentions: [Mention]
    let doc: DocumentID
    let blocks: [Block]
    let deadline: Deadline
    private let resolver: EntityResolver
    /// How many sentences before each index are not headings (headings do not count as
    /// distance for focus), so a distance costs two lookups.
    private let nonHeadingSentencesBefore: [Int]
    /// The organization mentions of each sentence, in text order.
    private let organizationsOfSentence: [Int: [Int]]
    /// The keys of the parties each sentence's `INVESTMENT` mentions name as investors.
    private let investorKeysOfSentence: [Int: Set<String>]

    /// Records made between two deadline checks.
    static let checkInterval = 256

    /// Where `text` starts in the article: records' spans are the article's, while `text`,
    /// `mentions` and `blocks` may be those of a window of it (see `ClaimExtractor`).
    let base: Int

    init(text: AnalyzedText, mentions: [Mention], doc: DocumentID, blocks: [Block], base: Int = 0, deadline: Deadline = .none) {
        self.base = base
        self.text = text
        self.mentions = mentions
        self.doc = doc
        self.blocks = blocks
        self.deadline = deadline
        resolver = EntityResolver(mentions: mentions) { mention in text.string(mention.span) }
        // Blocks are in text order and never overlap: a sentence is a heading's when the last
        // heading starting at or before it contains it.
        let headings = blocks.filter { $0.kind == .heading }.map(\.span)
        var counted = [0]
        counted.reserveCapacity(text.sentences.count + 1)
        var organizations: [Int: [Int]] = [:]
        for (index, sentence) in text.sentences.enumerated() {
            let last = Self.firstIndex(in: headings) { $0.start > sentence.span.start } - 1
            let isHeading = last >= 0 && headings[last].contains(sentence.span)
            counted.append(counted[index] + (isHeading ? 0 : 1))
        }
        for (index, mention) in mentions.enumerated() where mention.label == "ORG" && mention.stage == .entities {
            organizations[mention.sentence, default: []].append(index)
        }
        nonHeadingSentencesBefore = counted
        organizationsOfSentence = organizations
        var investorKeys: [Int: Set<String>] = [:]
        for mention in mentions where mention.label == "INVESTMENT" {
            guard case .mentions(let indices)? = mention.fields["investor"] else { continue }
            for index in indices {
                guard let entity = resolver.entityOfMention[index] else { continue }
                investorKeys[mention.sentence, default: []].insert(resolver.entities[entity].key)
            }
        }
        investorKeysOfSentence = investorKeys
    }

    /// The first index of a sorted collection whose element satisfies `isAfter` (which
    /// must be false for a prefix and true for the rest), or its count.
    static func firstIndex<Element>(in elements: [Element], where isAfter: (Element) -> Bool) -> Int {
        var low = 0, high = elements.count
        while low < high {
            let middle = (low + high) / 2
            if isAfter(elements[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    mutating func build() throws(PageAbandoned) -> Claims {
        try deadline.check("grouping the entities' mentions")
        let entities = entityClaims()
        try deadline.check("building the money records")
        let focus = focusCandidates(relations: mentions.filter { $0.label == "INVESTMENT" })
        let (money, amountOfMention) = moneyClaims(focus: focus)
        let investments = try investmentClaims(amountOfMention: amountOfMention, focus: focus)
        return Claims(entities: entities, money: money, investments: investments)
    }

    /// A span of `text` as a span of the article.
    private func absolute(_ span: TextSpan) -> TextSpan {
        base == 0 ? span : span.shifted(by: base)
    }

    // MARK: - Entities

    private func entityClaims() -> [EntityClaim] {
        resolver.entities.map { entity in
            let spans = Array(Set(entity.mentions.map { absolute(mentions[$0].span) })).sorted()
            return EntityClaim(id: RecordID.make(doc: doc, kind: "entity", span: spans[0], content: entity.key),
                               rule: entity.rule, type: entity.type, name: entity.name, key: entity.key, mentions: spans)
        }
        .sorted { ($0.mentions[0], $0.key) < ($1.mentions[0], $1.key) }
    }

    /// The entity a mention belongs to.
    private func party(_ mentionIndex: Int) -> PartyRef? {
        guard let entity = resolver.entityOfMention[mentionIndex] else { return nil }
        let resolved = resolver.entities[entity]
        return PartyRef(name: resolved.name, key: resolved.key)
    }

    /// The organizations and people a field names, in text order (a place or product in
    /// "Singapore's Temasek" is no party).
    private func parties(_ value: FieldValue?) -> [PartyRef] {
        guard case .mentions(var indices)? = value else { return [] }
        indices = indices.filter { ["ORG", "PERSON"].contains(mentions[$0].label) }
        var seen: Set<String> = []
        return indices.sorted { mentions[$0].tokens.lowerBound < mentions[$1].tokens.lowerBound }
            .compactMap(party)
            .filter { seen.insert($0.key).inserted }
    }

    // MARK: - Money

    private func moneyClaims(focus: [(token: Int, sentence: Int, party: PartyRef)]) -> ([MoneyClaim], [Int: MoneyAmount]) {
        // The winning role of each amount (the roles stage keeps one per amount).
        var roleOf: [Int: Mention] = [:]
        for mention in mentions where mention.label == "ROLE" {
            guard case .mentions(let targets)? = mention.fields["target"] else { continue }
            for target in targets where mentions[target].label == "MONEY" && roleOf[target] == nil {
                roleOf[target] = mention
            }
        }
        var claims: [MoneyClaim] = []
        var amounts: [Int: MoneyAmount] = [:]
        for (index, mention) in mentions.enumerated() where mention.label == "MONEY" {
            guard let amount = amount(of: mention) else { continue }
            amounts[index] = amount
            let role = roleOf[index]
            let roleName: String
            if case .text(let name)? = role?.fields["role"] { roleName = name } else { roleName = "other" }
            var subject = parties(role?.fields["subject"]).first
            // "The company reportedly generates $5 billion": the company in focus.
            if subject == nil, let role, role.fields["anaphor"] != nil {
                subject = focusedCompany(before: role, excluding: [], investorKeys: [], in: focus)
            }
            claims.append(MoneyClaim(id: RecordID.make(doc: doc, kind: "money", span: amount.span, content: "\(amount.value) \(amount.currency)"),
                                     rule: mention.rule, amount: amount, role: roleName, roleRule: role?.rule, subject: subject))
        }
        return (claims, amounts)
    }

    private func amount(of mention: Mention) -> MoneyAmount? {
        guard case .number(let value)? = mention.fields["value"], case .text(let currency)? = mention.fields["currency"] else { return nil }
        var range: [Decimal]?
        if case .number(let low)? = mention.fields["low"], case .number(let high)? = mention.fields["high"], high > low {
            range = [low, high]
        }
        return MoneyAmount(value: range?[0] ?? value, currency: currency, qualifier: text(mention.fields["qualifier"]), range: range,
                           period: text(mention.fields["period"]), text: self.text.string(mention.span), span: absolute(mention.span))
    }

    private func text(_ value: FieldValue?) -> String? {
        if case .text(let text)? = value { return text }
        return nil
    }

    // MARK: - Investments

    /// Precedence when a sentence holds several cues: a denial outweighs a rumor, a rumor a plan, a plan a report.
    static let modalityRank: [String: Int] = ["negated": 4, "rumored": 3, "planned": 2, "reported": 1, "asserted": 0]

    private func investmentClaims(amountOfMention: [Int: MoneyAmount],
                                  focus initialFocus: [(token: Int, sentence: Int, party: PartyRef)]) throws(PageAbandoned) -> [InvestmentClaim] {
        let relations = mentions.filter { $0.label == "INVESTMENT" }
        // Per sentence, so that a page of thousands of deals stays linear.
        let refusals = Dictionary(grouping: mentions.filter { $0.label == "NOT_INVESTMENT" }, by: \.sentence)
        let cues = Dictionary(grouping: mentions.filter { $0.label == "CUE" }, by: \.sentence)
        let relationsOfSentence = Dictionary(grouping: relations, by: \.sentence)
        var claims: [InvestmentClaim] = []
        var seen: Set<String> = []
        var focus = initialFocus
        var investorKeys: Set<String> = []
        for (number, relation) in relations.enumerated() {
            if number % Self.checkInterval == 0 {
                try deadline.check("building the investment records, relation \(number + 1) of \(relations.count)")
            }
            var investors: [PartyRef?] = parties(relation.fields["investor"])
            let namedInvestees = parties(relation.fields["investee"])
            // "It took a 10% stake in Lumen Grid"; "including its €75 million investment in ...":
            // the organization the pronoun stands for.
            if investors.isEmpty, relation.fields["investor_anaphor"] != nil,
               let subject = subjectOrganization(of: relation, excluding: Set(namedInvestees.map(\.key))) {
                investors = [subject]
            }
            // An investor whose edge in this sentence names its company is not given another by focus.
            if namedInvestees.isEmpty {
                let elsewhere = Set((relationsOfSentence[relation.sentence] ?? []).filter { parties($0.fields["investee"]).first != nil }
                    .flatMap { parties($0.fields["investor"]).map(\.key) })
                let stated = investors.count
                investors = investors.filter { !elsewhere.contains($0?.key ?? "") }
                if stated > 0 && investors.isEmpty { continue }
            }
            // With no company named ("Amazon later added another $2.75 billion"; "the round was
            // led by ..."; "invested in the company"), the company the text is talking about.
            var investees = namedInvestees
            if investees.isEmpty {
                guard let focused = focusedCompany(before: relation, excluding: investors, investorKeys: investorKeys, in: focus) else { continue }
                investees = [focused]
                // The company found stays in focus for the sentences after.
                let token = relation.match.lowerBound
                focus.insert((token, relation.sentence, focused), at: Self.firstIndex(in: focus) { $0.token > token })
            }
            var amount: MoneyAmount?
            // An amount stated for several companies at once belongs to none of them alone.
            if investees.count == 1, case .mentions(let indices)? = relation.fields["amount"] {
                amount = indices.compactMap { amountOfMention[$0] }.first
            }
            let modality = text(relation.fields["modality"])
                ?? modality(for: relation, cues: cues[relation.sentence] ?? [], relations: relationsOfSentence[relation.sentence] ?? [])
            let sentence = absolute(text.sentences[relation.sentence].span)
            for investee in investees {
                var investors = investors.filter { $0?.key != investee.key }
                if investors.isEmpty, let lead = listLeadInvestor(for: relation) { investors = [lead] }
                // "alongside Microsoft": investors joining the one the clause implies.
                for other in parties(relation.fields["with"]) where other.key != investee.key && !investors.contains(other) {
                    investors.append(other)
                }
                if investors.isEmpty { investors = [nil] }
                investorKeys.formUnion(investors.compactMap { $0?.key })
                for investor in investors {
                    if (refusals[relation.sentence] ?? []).contains(where: { refusal in
                        refuses(refusal, investor: investor, investee: investee)
                    }) { continue }
                    let others = investors.compactMap { $0 }.filter { $0 != investor }
                    let identity = "\(investor?.key ?? "-")>\(investee.key)|\(amount.map { "\($0.value)@\($0.span.start)" } ?? "-")|\(sentence.start)"
                    guard seen.insert(identity).inserted else { continue }
                    claims.append(InvestmentClaim(
                        id: RecordID.make(doc: doc, kind: "investment", span: absolute(relation.span), content: identity),
                        rule: relation.rule, investor: investor, investee: investee, amount: amount,
                        joint: amount != nil && !others.isEmpty, coInvestors: amount != nil ? others : [],
                        modality: modality, evidence: sentence, evidenceText: text.string(text.sentences[relation.sentence].span)))
                }
            }
        }
        // An edge without an investor says something only with an amount, and nothing when its
        // sentence names an investor of the same company.
        let namedInvestor = Set(claims.filter { $0.investor != nil }.map { "\($0.investee.key)|\($0.evidence.start)" })
        return claims.filter { claim in
            claim.investor != nil || (claim.amount != nil && !namedInvestor.contains("\(claim.investee.key)|\(claim.evidence.start)"))
        }
    }

    /// Whether a `NOT_INVESTMENT` mention cancels an edge of its sentence. One that names the
    /// company cancels the edges to it that have no investor or an investor it names; one that
    /// names no company ("the company received a grant from Innovate UK") cancels the edges of
    /// the investors it names, whatever company they go to.
    private func refuses(_ refusal: Mention, investor: PartyRef?, investee: PartyRef) -> Bool {
        let refusedInvestors = parties(refusal.fields["investor"])
        if let refusedInvestee = parties(refusal.fields["investee"]).first {
            return refusedInvestee.key == investee.key && (investor == nil || refusedInvestors.contains(investor!))
        }
        guard let investor else { return false }
        return refusedInvestors.contains(investor)
    }

    /// How many sentences back an edge without a named company looks for the company in focus.
    static let focusWindow = 3

    /// The companies the text is about at each point: investees of edges and subjects of
    /// funding, valuation and investment amounts, at the token where they are stated.
    private func focusCandidates(relations: [Mention]) -> [(token: Int, sentence: Int, party: PartyRef)] {
        var candidates: [(token: Int, sentence: Int, party: PartyRef)] = []
        for relation in relations {
            if let investee = parties(relation.fields["investee"]).first {
                candidates.append((relation.match.lowerBound, relation.sentence, investee))
            }
        }
        for mention in mentions where mention.label == "ROLE" {
            guard case .text(let role)? = mention.fields["role"], ["funding", "valuation", "investment"].contains(role),
                  let subject = parties(mention.fields["subject"]).first else { continue }
            candidates.append((mention.match.lowerBound, mention.sentence, subject))
        }
        return candidates.sorted { $0.token < $1.token }
    }

    /// The company an edge without a named company is about, at most `focusWindow` sentences
    /// back (headings not counted) and never one of its investors: the latest company in
    /// focus stated before the edge ends, or later in its own sentence; else, in its own sentence, the nearest organization
    /// before it ("Ridgeback, which owns Helios, injected $400 million into the company");
    /// else the first organization of the nearest sentence before that names one, usually its
    /// subject. Organizations the text has shown investing are not taken for companies then.
    private func focusedCompany(before relation: Mention, excluding investors: [PartyRef?], investorKeys: Set<String>,
                                in candidates: [(token: Int, sentence: Int, party: PartyRef)]) -> PartyRef? {
        let excluded = Set(investors.compactMap { $0?.key })
        // Candidates are in token order, so their sentences only grow: walk back from the edge's
        // end while in the window, and forward through its own sentence.
        let split = Self.firstIndex(in: candidates) { $0.token >= relation.match.upperBound }
        var found: Int?
        var index = split - 1
        while index >= 0, distance(from: candidates[index].sentence, to: relation.sentence) <= Self.focusWindow {
            // A company shown investing in the sentence that names it ("MGX, an investor backed
            // by Mubadala" in a list of a round's investors) is not the company talked about.
            if !excluded.contains(candidates[index].party.key),
               !(investorKeysOfSentence[candidates[index].sentence] ?? []).contains(candidates[index].party.key) {
                // The latest token wins; among candidates at one token, the first listed.
                if let chosen = found, candidates[chosen].token != candidates[index].token { break }
                found = index
            }
            index -= 1
        }
        if let found { return candidates[found].party }
        // Else later in its own sentence ("a round led by Coatue that valued CoreWeave").
        index = split
        while index < candidates.count, candidates[index].sentence <= relation.sentence {
            if candidates[index].sentence == relation.sentence && !excluded.contains(candidates[index].party.key) {
                return candidates[index].party
            }
            index += 1
        }
        var sentence = relation.sentence
        while sentence >= 0, distance(from: sentence, to: relation.sentence) <= Self.focusWindow {
            let organizations = (organizationsOfSentence[sentence] ?? []).filter { index in
                guard mentions[index].tokens.upperBound <= relation.match.upperBound, let party = party(index) else { return false }
                return !excluded.contains(party.key) && !investorKeys.contains(party.key)
            }
            if sentence == relation.sentence, let nearest = organizations.last { return party(nearest) }
            if sentence < relation.sentence, let first = organizations.first { return party(first) }
            sentence -= 1
        }
        return nil
    }

    /// The organization a pronoun investor stands for: the first organization of the edge's
    /// sentence before it (the subject of "Sorano stood out with three deals, including its
    /// €75 million investment in ..."), else the first organization of the nearest sentence
    /// before, within the focus window ("The Qatar Investment Authority ... . It took a 10%
    /// stake in Lumen Grid"); never the company the edge names.
    private func subjectOrganization(of relation: Mention, excluding excluded: Set<String>) -> PartyRef? {
        var sentence = relation.sentence
        while sentence >= 0, distance(from: sentence, to: relation.sentence) <= Self.focusWindow {
            for index in organizationsOfSentence[sentence] ?? [] {
                if sentence == relation.sentence && mentions[index].tokens.lowerBound >= relation.match.lowerBound { break }
                if let party = party(index), !excluded.contains(party.key) { return party }
            }
            sentence -= 1
        }
        return nil
    }

    /// Sentences from `earlier` to `later`, not counting headings between them.
    private func distance(from earlier: Int, to later: Int) -> Int {
        guard earlier < later else { return 0 }
        return nonHeadingSentencesBefore[later + 1] - nonHeadingSentencesBefore[earlier + 1]
    }

    /// For an edge stated in a list item without an investor ("A $16 million investment in
    /// Mistral AI"), the organization that the line introducing the list names
    /// ("Microsoft's moves include:").
    private func listLeadInvestor(for relation: Mention) -> PartyRef? {
        // Blocks are in text order and never overlap: the candidate is the last one that
        // starts at or before the relation.
        let blockIndex = Self.firstIndex(in: blocks) { $0.span.start > relation.span.start } - 1
        guard blockIndex >= 0, blocks[blockIndex].span.contains(relation.span),
              blocks[blockIndex].kind == .listItem else { return nil }
        var lead = blockIndex - 1
        while lead >= 0 && blocks[lead].kind == .listItem { lead -= 1 }
        guard lead >= 0 else { return nil }
        let leadBlock = blocks[lead]
        guard text.string(leadBlock.span).hasSuffix(":") else { return nil }
        // The lead line's sentences: the first organization named in them.
        let firstSentence = Self.firstIndex(in: text.sentences) { $0.span.end > leadBlock.span.start }
        var sentence = firstSentence
        while sentence < text.sentences.count, text.sentences[sentence].span.start < leadBlock.span.end {
            if let index = (organizationsOfSentence[sentence] ?? []).first(where: { leadBlock.span.contains(mentions[$0].span) }) {
                return party(index)
            }
            sentence += 1
        }
        return nil
    }

    /// The modality cues give a relation: cues in its sentence that come before its end and
    /// after the previous relation of the sentence, or a reporting cue anywhere in it.
    /// `cues` and `relations` are those of the relation's sentence.
    private func modality(for relation: Mention, cues: [Mention], relations: [Mention]) -> String {
        let previousEnd = relations.filter { $0.match.upperBound <= relation.match.lowerBound }
            .map(\.match.upperBound).max() ?? text.sentences[relation.sentence].tokens.lowerBound
        var best = "asserted"
        for cue in cues {
            guard let modality = text(cue.fields["modality"]) else { continue }
            let local = cue.tokens.lowerBound >= previousEnd && cue.tokens.lowerBound < relation.match.upperBound
            guard local || modality == "reported" else { continue }
            if (Self.modalityRank[modality] ?? 0) > (Self.modalityRank[best] ?? 0) { best = modality }
        }
        return best
    }
}
