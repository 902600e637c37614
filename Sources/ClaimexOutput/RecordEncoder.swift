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
        var records: [JSONValue] = []
        forEachRecord(for: result) { records.append($0) }
        return records
    }

    /// Calls `body` with each record of one document in turn, in the order they are
    /// written, so that a page of a million records never holds them all as JSON.
    public func forEachRecord<E: Error>(for result: DocumentResult, _ body: (JSONValue) throws(E) -> Void) throws(E) {
        switch result.outcome {
        case .extracted(let document):
            try body(articleRecord(document))
            let doc = document.doc.hex
            for (kind, index) in claimOrder(document) {
                switch kind {
                case 0: try body(entityRecord(document.claims.entities[index], doc: doc))
                case 1: try body(moneyRecord(document.claims.money[index], doc: doc))
                default: try body(investmentRecord(document.claims.investments[index], doc: doc))
                }
            }
        case .failed(let error):
            try body(errorRecord(error))
        }
    }

    /// The JSON Lines text of one document: one line per record, each ending in `\n`.
    public func jsonLines(for result: DocumentResult) -> String {
        var output = ""
        writeJSONLines(for: result) { output += $0 }
        return output
    }

    /// The JSON Lines text of one document in pieces of about `chunkSize` bytes, each
    /// made of whole lines, handed to `emit` as they fill.
    public func writeJSONLines<E: Error>(for result: DocumentResult, chunkSize: Int = 1 << 20,
                                         _ emit: (String) throws(E) -> Void) throws(E) {
        try writeJSONLineBytes(for: result, chunkSize: chunkSize) { (bytes: UnsafeBufferPointer<UInt8>) throws(E) in
            try emit(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// The same as `writeJSONLines`, as UTF-8 bytes: for writers that send bytes on, with
    /// no string made and read back. The bytes are valid only during the call to `emit`.
    public func writeJSONLineBytes<E: Error>(for result: DocumentResult, chunkSize: Int = 1 << 20,
                                             _ emit: (UnsafeBufferPointer<UInt8>) throws(E) -> Void) throws(E) {
        var output: [UInt8] = []
        try forEachRecord(for: result) { (record: JSONValue) throws(E) in
            record.write(to: &output)
            output.append(0x0A)
            if output.count >= chunkSize {
                try output.withUnsafeBufferPointer { (bytes) throws(E) in try emit(bytes) }
                output.removeAll(keepingCapacity: true)
            }
        }
        if !output.isEmpty { try output.withUnsafeBufferPointer { (bytes) throws(E) in try emit(bytes) } }
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
    /// The claim records in the order they are written: by where they start in the text,
    /// then entity, money, investment, then their order in the claims (kind 0, 1 or 2 and
    /// the index in that kind's list).
    func claimOrder(_ document: DocumentClaims) -> [(kind: Int, index: Int)] {
        var positioned: [(start: Int, kind: Int, index: Int)] = []
        positioned.reserveCapacity(document.claims.entities.count + document.claims.money.count + document.claims.investments.count)
        for (index, entity) in document.claims.entities.enumerated() {
            positioned.append((entity.mentions.first?.start ?? 0, 0, index))
        }
        for (index, money) in document.claims.money.enumerated() {
            positioned.append((money.amount.span.start, 1, index))
        }
        for (index, investment) in document.claims.investments.enumerated() {
            positioned.append((investment.evidence.start, 2, index))
        }
        return positioned.sorted { ($0.start, $0.kind, $0.index) < ($1.start, $1.kind, $1.index) }.map { ($0.kind, $0.index) }
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
