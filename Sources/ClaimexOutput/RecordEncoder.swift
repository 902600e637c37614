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
        case .extracted(let claims):
            return [articleRecord(claims)]
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
