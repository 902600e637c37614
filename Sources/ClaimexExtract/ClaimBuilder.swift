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

    /// Records made between two deadline checks.
    static let checkInterval = 256

    init(text: AnalyzedText, mentions: [Mention], doc: DocumentID, blocks: [Block], deadline: Deadline = .none) {
        self.text = text
        self.mentions = mentions
        self.doc = doc
        self.blocks = blocks
        self.deadline = deadline
        resolver = EntityResolver(mentions: mentions) { mention in text.string(mention.span) }
    }

    mutating func build() throws(PageAbandoned) -> Claims {
        try deadline.check("grouping the entities' mentions")
        let entities = entityClaims()
        try deadline.check("building the money records")
        let (money, amountOfMention) = moneyClaims()
        let investments = try investmentClaims(amountOfMention: amountOfMention)
        return Claims(entities: entities, money: money, investments: investments)
    }

    // MARK: - Entities

    private func entityClaims() -> [EntityClaim] {
        resolver.entities.map { entity in
            let spans = Array(Set(entity.mentions.map { mentions[$0].span })).sorted()
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

    private func moneyClaims() -> ([MoneyClaim], [Int: MoneyAmount]) {
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
            let subject = parties(role?.fields["subject"]).first
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
                           period: text(mention.fields["period"]), text: self.text.string(mention.span), span: mention.span)
    }

    private func text(_ value: FieldValue?) -> String? {
        if case .text(let text)? = value { return text }
        return nil
    }

    // MARK: - Investments

    /// Precedence when a sentence holds several cues: a denial outweighs a rumor, a rumor a plan, a plan a report.
    static let modalityRank: [String: Int] = ["negated": 4, "rumored": 3, "planned": 2, "reported": 1, "asserted": 0]

    private func investmentClaims(amountOfMention: [Int: MoneyAmount]) throws(PageAbandoned) -> [InvestmentClaim] {
        let relations = mentions.filter { $0.label == "INVESTMENT" }
        // Per sentence, so that a page of thousands of deals stays linear.
        let refusals = Dictionary(grouping: mentions.filter { $0.label == "NOT_INVESTMENT" }, by: \.sentence)
        let cues = Dictionary(grouping: mentions.filter { $0.label == "CUE" }, by: \.sentence)
        let relationsOfSentence = Dictionary(grouping: relations, by: \.sentence)
        var claims: [InvestmentClaim] = []
        var seen: Set<String> = []
        var lastInvestee: (party: PartyRef, sentence: Int)?
        for (number, relation) in relations.enumerated() {
            if number % Self.checkInterval == 0 {
                try deadline.check("building the investment records, relation \(number + 1) of \(relations.count)")
            }
            var investors: [PartyRef?] = parties(relation.fields["investor"])
            let named = parties(relation.fields["investee"]).first
            // A follow-on ("Amazon later added another $2.75 billion") invests in the company
            // the sentence before named.
            guard let investee = named ?? lastInvestee.flatMap({ relation.sentence - $0.sentence <= 2 ? $0.party : nil }) else { continue }
            if named != nil { lastInvestee = (investee, relation.sentence) }
            investors = investors.filter { $0?.key != investee.key }
            if investors.isEmpty, let lead = listLeadInvestor(for: relation) { investors = [lead] }
            if investors.isEmpty { investors = [nil] }
            var amount: MoneyAmount?
            if case .mentions(let indices)? = relation.fields["amount"] {
                amount = indices.compactMap { amountOfMention[$0] }.first
            }
            let modality = text(relation.fields["modality"])
                ?? modality(for: relation, cues: cues[relation.sentence] ?? [], relations: relationsOfSentence[relation.sentence] ?? [])
            let sentence = text.sentences[relation.sentence].span
            for investor in investors {
                if (refusals[relation.sentence] ?? []).contains(where: { refusal in
                    parties(refusal.fields["investee"]).first?.key == investee.key
                        && (investor == nil || parties(refusal.fields["investor"]).contains(investor!))
                }) { continue }
                let others = investors.compactMap { $0 }.filter { $0 != investor }
                let identity = "\(investor?.key ?? "-")>\(investee.key)|\(amount.map { "\($0.value)@\($0.span.start)" } ?? "-")|\(sentence.start)"
                guard seen.insert(identity).inserted else { continue }
                claims.append(InvestmentClaim(
                    id: RecordID.make(doc: doc, kind: "investment", span: relation.span, content: identity),
                    rule: relation.rule, investor: investor, investee: investee, amount: amount,
                    joint: amount != nil && !others.isEmpty, coInvestors: amount != nil ? others : [],
                    modality: modality, evidence: sentence, evidenceText: text.string(sentence)))
            }
        }
        return claims
    }

    /// For an edge stated in a list item without an investor ("A $16 million investment in
    /// Mistral AI"), the organization that the line introducing the list names
    /// ("Microsoft's moves include:").
    private func listLeadInvestor(for relation: Mention) -> PartyRef? {
        // Blocks are in text order and never overlap: the candidate is the last one that
        // starts at or before the relation.
        var low = 0, high = blocks.count
        while low < high {
            let middle = (low + high) / 2
            if blocks[middle].span.start <= relation.span.start { low = middle + 1 } else { high = middle }
        }
        let blockIndex = low - 1
        guard blockIndex >= 0, blocks[blockIndex].span.contains(relation.span),
              blocks[blockIndex].kind == .listItem else { return nil }
        var lead = blockIndex - 1
        while lead >= 0 && blocks[lead].kind == .listItem { lead -= 1 }
        guard lead >= 0 else { return nil }
        let leadBlock = blocks[lead]
        guard text.string(leadBlock.span).hasSuffix(":") else { return nil }
        let candidates = mentions.indices.filter { index in
            mentions[index].label == "ORG" && leadBlock.span.contains(mentions[index].span)
        }
        return candidates.first.flatMap(party)
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
