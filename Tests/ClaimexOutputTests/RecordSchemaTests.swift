import ClaimexModel
@testable import ClaimexOutput
import Foundation
import Testing

/// The JSON Schema of `claimex schema`, checked against what `RecordEncoder` writes: the
/// committed Corpus output and records of every optional shape.
@Suite struct RecordSchemaTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The schema as a reader gets it: printed, then parsed.
    static let validator: SchemaValidator = {
        let text = RecordSchema.jsonSchema().prettyPrinted()
        return SchemaValidator(root: try! JSONNode.parse(text))
    }()

    static func validate(_ line: String) throws -> [String] {
        validator.problems(of: try JSONNode.parse(line))
    }

    // MARK: - Fixtures

    static let doc = DocumentID(hex: "0123456789abcdef")

    static func amount(range: Bool) -> MoneyAmount {
        MoneyAmount(value: Decimal(string: "2.5")!, currency: "USD", qualifier: range ? nil : "approx",
                    range: range ? [2, 3] : nil, period: range ? "year" : nil, text: "$2-3 billion a year", span: TextSpan(10, 29))
    }

    /// A page whose claims use every optional field, present and absent.
    static var everyShape: DocumentResult {
        let article = Article(metadata: ArticleMetadata(title: "Quarry backs Lumen", lang: "en"), text: "Quarry backs Lumen\n\nBody, \"quoted\".",
                              blocks: [Block(kind: .heading, span: TextSpan(0, 18), level: 1), Block(kind: .paragraph, span: TextSpan(20, 35))])
        let quarry = PartyRef(name: "Quarry Ventures", key: "org:quarry-ventures")
        let lumen = PartyRef(name: "Lumen", key: "org:lumen")
        let claims = Claims(
            entities: [EntityClaim(id: "00000000000000e1", rule: "entity.org", type: "ORG", name: "Lumen", key: "org:lumen",
                                   mentions: [TextSpan(13, 18), TextSpan(40, 45)])],
            money: [MoneyClaim(id: "00000000000000a1", rule: "money.range", amount: amount(range: true), role: "revenue", roleRule: "role.revenue", subject: lumen),
                    MoneyClaim(id: "00000000000000a2", rule: "money.symbol", amount: amount(range: false), role: "other", roleRule: nil, subject: nil)],
            investments: [InvestmentClaim(id: "00000000000000b1", rule: "invest.led", investor: quarry, investee: lumen, amount: amount(range: true),
                                          joint: true, coInvestors: [PartyRef(name: "Northwind", key: "org:northwind")], modality: "reported",
                                          evidence: TextSpan(0, 18), evidenceText: "Quarry backs Lumen"),
                          InvestmentClaim(id: "00000000000000b2", rule: "invest.raised", investor: nil, investee: lumen, amount: nil,
                                          joint: false, coInvestors: [], modality: "asserted", evidence: TextSpan(0, 18), evidenceText: "Quarry backs Lumen")])
        return DocumentResult(path: "news/a.html", outcome: .extracted(DocumentClaims(doc: doc, path: "news/a.html", article: article, encoding: "UTF-8", claims: claims)))
    }

    static let errors = [
        DocumentResult(path: "gone.html", outcome: .failed(ErrorRecord(path: "gone.html", doc: nil, stage: .read, message: "no such file; check the path"))),
        DocumentResult(path: "z.html", outcome: .failed(ErrorRecord(path: "z.html", doc: doc, stage: .decode, message: "binary data"))),
    ]

    // MARK: - The schema holds what is written

    @Test func corpusOutputFollowsTheSchema() throws {
        let output = Self.packageRoot.appendingPathComponent("Output")
        let files = try #require(FileManager.default.enumerator(atPath: output.path)).compactMap { $0 as? String }.filter { $0.hasSuffix(".jsonl") }
        #expect(files.count >= 12)
        var kinds: Set<String> = []
        for file in files {
            let text = try String(contentsOf: output.appendingPathComponent(file), encoding: .utf8)
            for (number, line) in text.split(separator: "\n").enumerated() {
                let problems = try Self.validate(String(line))
                #expect(problems.isEmpty, "Output/\(file):\(number + 1): \(problems.joined(separator: "; "))")
                if case .string(let kind)? = try JSONNode.parse(String(line))["kind"] { kinds.insert(kind) }
            }
        }
        #expect(kinds == ["article", "entity", "money", "investment"])
    }

    @Test func recordsOfEveryShapeFollowTheSchema() throws {
        let lines = ([Self.everyShape] + Self.errors).flatMap { RecordEncoder().jsonLines(for: $0).split(separator: "\n").map(String.init) }
        #expect(lines.count == 8)
        for line in lines {
            #expect(try Self.validate(line) == [], "\(line)")
        }
    }

    @Test(arguments: [
        (#"{"v":1,"kind":"error","doc":null,"path":"a","stage":"read"}"#, ["$: missing required field 'message'"]),
        (#"{"v":1,"kind":"error","doc":null,"path":"a","stage":"read","message":"m","extra":1}"#, ["$.extra: no value is allowed here"]),
        (#"{"v":2,"kind":"error","doc":null,"path":"a","stage":"read","message":"m"}"#, ["$.v: expected 1, found 2"]),
        (#"{"v":1,"kind":"error","doc":"XYZ","path":"a","stage":"write","message":"m"}"#,
         ["$.doc: 0 of the anyOf schemas match", #"$.stage: "write" is not one of ["read", "decode", "parse", "extract"]"#]),
        (#"{"v":1,"kind":"entity","doc":"0123456789abcdef","id":"0123456789abcdef","rule":"r","type":"ORG","name":"n","key":"k","mentions":[[3]]}"#,
         ["$.mentions[0]: 1 items, minItems is 2"]),
        (#"{"v":1,"kind":"entity","doc":"0123456789abcdef","id":"0123456789abcdef","rule":"r","type":"ORG","name":"n","key":"k","mentions":[[3,-1]]}"#,
         ["$.mentions[0][1]: -1.0 is below 0.0"]),
        (#"{"v":1,"kind":"entity","doc":"0123456789abcdef","id":"0123456789abcdef","rule":"r","type":"ORG","name":"n","key":"k","mentions":[[3,"4"]]}"#,
         ["$.mentions[0][1]: expected integer, found string"]),
        (#"{"v":1,"kind":"novel"}"#, []),
    ])
    func validatorFindsWhatBreaksTheContract(line: String, expected: [String]) throws {
        // Each kind is tried in turn (oneOf); the wrong record is checked against its own kind.
        let record = try JSONNode.parse(line)
        guard case .string(let kind)? = record["kind"], let definition = Self.validator.root["$defs"]?[kind] else {
            #expect(try Self.validate(line) == ["$: 0 of the oneOf schemas match"])
            return
        }
        #expect(Self.validator.problems(of: record) == ["$: 0 of the oneOf schemas match"])
        #expect(SchemaValidator(root: Self.validator.root).problemsAgainst(definition, record) == expected)
    }

    @Test func schemaNamesEveryKindAndSharedShape() throws {
        let root = Self.validator.root
        guard case .object(let definitions)? = root["$defs"] else { Issue.record("no $defs"); return }
        #expect(Set(definitions.keys) == ["article", "entity", "money", "investment", "error", "block", "span", "party", "amount", "evidence"])
        #expect(root["$schema"] == .string("https://json-schema.org/draft/2020-12/schema"))
        #expect(root["$defs"]?["money"]?["required"] == .array(["v", "kind", "doc", "id", "rule", "value", "currency", "qualifier", "text", "span", "role", "subject"].map(JSONNode.string)))
    }
}

extension SchemaValidator {
    /// The problems of `value` against one definition of the root schema.
    func problemsAgainst(_ definition: JSONNode, _ value: JSONNode) -> [String] {
        guard case .object(var members) = root else { return [] }
        members.removeValue(forKey: "oneOf")
        members.merge(definition.objectMembers) { _, new in new }
        return SchemaValidator(root: .object(members)).problems(of: value)
    }
}

extension JSONNode {
    var objectMembers: [String: JSONNode] {
        if case .object(let members) = self { return members }
        return [:]
    }
}
