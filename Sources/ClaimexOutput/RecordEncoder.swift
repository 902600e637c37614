import ClaimexModel

/// Turns a document's result into the contract's records (`article`, `error`, and the
/// claim kinds), in contract order: `article` first, then claims in text order.
public struct RecordEncoder: Sendable {
    /// The contract version written in every record's `v`.
    public static let contractVersion = 1

    /// Creates an encoder.
    public init() {}

    /// The records of one document, in the order they are written.
    public func records(for result: DocumentResult) -> [JSONValue] {
        switch result.outcome {
        case .extracted(let document):
            return [articleRecord(document)] + claimRecords(document)
        case .failed(let error):
            return [errorRecord(error)]
        }
    }

    /// The JSON Lines text of one document: one line per record, each ending in `\n`.
    public func jsonLines(for result: DocumentResult) -> String {
        var output = ""
        for record in records(for: result) {
            record.write(to: &output)
            output += "\n"
        }
        return output
    }

    func articleRecord(_ claims: DocumentClaims) -> JSONValue {
        let article = claims.article
        let metadata = article.metadata
        let blocks: [JSONValue] = article.blocks.map { block in
            var members: [(String, JSONValue)] = [("kind", .string(block.kind.rawValue)), ("span", span(block.span))]
            if let level = block.level { members.append(("level", .int(level))) }
            return .object(members)
        }
        return .object([
            ("v", .int(Self.contractVersion)),
            ("kind", .string("article")),
            ("doc", .string(claims.doc.hex)),
            ("path", .string(claims.path)),
            ("title", .optional(metadata.title)),
            ("byline", .optional(metadata.byline)),
            ("published", .optional(metadata.published)),
            ("url", .optional(metadata.url)),
            ("site", .optional(metadata.site)),
            ("lang", .optional(metadata.lang)),
            ("encoding", .optional(claims.encoding)),
            ("text", .string(article.text)),
            ("blocks", .array(blocks)),
        ])
    }

    /// The claim records of a document in text order: each by where it starts (an
    /// entity's first mention, an amount's span, an edge's sentence), entities first on ties.
    func claimRecords(_ document: DocumentClaims) -> [JSONValue] {
        let doc = document.doc.hex
        var positioned: [(Int, Int, Int, JSONValue)] = []
        for (index, entity) in document.claims.entities.enumerated() {
            positioned.append((entity.mentions.first?.start ?? 0, 0, index, entityRecord(entity, doc: doc)))
        }
        for (index, money) in document.claims.money.enumerated() {
            positioned.append((money.amount.span.start, 1, index, moneyRecord(money, doc: doc)))
        }
        for (index, investment) in document.claims.investments.enumerated() {
            positioned.append((investment.evidence.start, 2, index, investmentRecord(investment, doc: doc)))
        }
        return positioned.sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }.map(\.3)
    }

    func entityRecord(_ entity: EntityClaim, doc: String) -> JSONValue {
        .object([
            ("v", .int(Self.contractVersion)), ("kind", .string("entity")), ("doc", .string(doc)),
            ("id", .string(entity.id)), ("rule", .string(entity.rule)),
            ("type", .string(entity.type)), ("name", .string(entity.name)), ("key", .string(entity.key)),
            ("mentions", .array(entity.mentions.map(span))),
        ])
    }

    func moneyRecord(_ money: MoneyClaim, doc: String) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("v", .int(Self.contractVersion)), ("kind", .string("money")), ("doc", .string(doc)),
            ("id", .string(money.id)), ("rule", .string(money.rule)),
        ]
        members += amountMembers(money.amount)
        members += [("role", .string(money.role)), ("subject", party(money.subject))]
        if let roleRule = money.roleRule { members.append(("role_rule", .string(roleRule))) }
        return .object(members)
    }

    func investmentRecord(_ investment: InvestmentClaim, doc: String) -> JSONValue {
        .object([
            ("v", .int(Self.contractVersion)), ("kind", .string("investment")), ("doc", .string(doc)),
            ("id", .string(investment.id)), ("rule", .string(investment.rule)),
            ("investor", party(investment.investor)), ("investee", party(investment.investee)),
            ("amount", investment.amount.map { .object(amountMembers($0)) } ?? .null),
            ("joint", .bool(investment.joint)),
            ("co_investors", .array(investment.coInvestors.map { party($0) })),
            ("modality", .string(investment.modality)),
            ("evidence", .object([("span", span(investment.evidence)), ("text", .string(investment.evidenceText))])),
        ])
    }

    /// An amount's fields; `range` and `period` only when the amount has them.
    func amountMembers(_ amount: MoneyAmount) -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = [
            ("value", .decimal(amount.value)), ("currency", .string(amount.currency)), ("qualifier", .optional(amount.qualifier)),
        ]
        if let range = amount.range { members.append(("range", .array(range.map(JSONValue.decimal)))) }
        if let period = amount.period { members.append(("period", .string(period))) }
        members += [("text", .string(amount.text)), ("span", span(amount.span))]
        return members
    }

    func party(_ ref: PartyRef?) -> JSONValue {
        guard let ref else { return .null }
        return .object([("name", .string(ref.name)), ("key", .string(ref.key))])
    }

    func errorRecord(_ error: ErrorRecord) -> JSONValue {
        .object([
            ("v", .int(Self.contractVersion)),
            ("kind", .string("error")),
            ("doc", .optional(error.doc?.hex)),
            ("path", .string(error.path)),
            ("stage", .string(error.stage.rawValue)),
            ("message", .string(error.message)),
        ])
    }

    func span(_ span: TextSpan) -> JSONValue {
        .array([.int(span.start), .int(span.end)])
    }
}
