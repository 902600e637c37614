import ClaimexModel
@testable import ClaimexOutput
import Foundation
import Testing

/// Table columns come from the record schema by one rule; CSV follows RFC 4180.
@Suite struct CSVFormatTests {
    @Test func columnsFlattenObjectsAndSpansAndKeepArraysAsJSON() throws {
        let investment = try #require(RecordSchema.kind(named: "investment"))
        #expect(investment.columns.map(\.name) == [
            "v", "doc", "id", "rule", "investor_name", "investor_key", "investee_name", "investee_key",
            "amount_value", "amount_currency", "amount_qualifier", "amount_range", "amount_period", "amount_text",
            "amount_span_start", "amount_span_end", "joint", "co_investors", "modality",
            "evidence_span_start", "evidence_span_end", "evidence_text",
        ])
        let money = try #require(RecordSchema.kind(named: "money"))
        #expect(money.columns.map(\.name) == [
            "v", "doc", "id", "rule", "value", "currency", "qualifier", "range", "period", "text", "span_start", "span_end",
            "role", "subject_name", "subject_key", "role_rule",
        ])
        #expect(money.columns.map(\.type.rawValue).joined(separator: " ")
            == "integer text text text number text text json text text integer integer text text text text")
        #expect(RecordSchema.kinds.map(\.key) == ["doc", "id", "id", "id", "path"])
    }

    @Test func cellsComeFromTheEncodedRecord() throws {
        let result = RecordSchemaTests.everyShape
        let records = RecordEncoder().records(for: result)
        let investment = try #require(RecordSchema.kind(named: "investment"))
        let withAmount = investment.cells(of: records.first { $0["id"] == .string("00000000000000b1") }!)
        #expect(withAmount == [
            .integer(1), .text("0123456789abcdef"), .text("00000000000000b1"), .text("invest.led"),
            .text("Quarry Ventures"), .text("org:quarry-ventures"), .text("Lumen"), .text("org:lumen"),
            .number("2.5"), .text("USD"), .null, .json("[2,3]"), .text("year"), .text("$2-3 billion a year"),
            .integer(10), .integer(29), .boolean(true), .json(#"[{"name":"Northwind","key":"org:northwind"}]"#), .text("reported"),
            .integer(0), .integer(18), .text("Quarry backs Lumen"),
        ])
        let bare = investment.cells(of: records.first { $0["id"] == .string("00000000000000b2") }!)
        #expect(bare[4...5] == [.null, .null])
        #expect(bare[8...15].allSatisfy { $0 == .null })
        #expect(bare[16...17] == [.boolean(false), .json("[]")])
    }

    @Test func csvQuotesOnlyWhatNeedsIt() throws {
        let error = try #require(RecordSchema.kind(named: "error"))
        #expect(CSVFormat.header(for: error) == "v,doc,path,stage,message\r\n")
        let record = JSONValue.object([("v", .int(1)), ("kind", .string("error")), ("doc", .null), ("path", .string("a,b.html")),
                                       ("stage", .string("read")), ("message", .string("said \"no\"\nthen stopped"))])
        #expect(CSVFormat.line(for: record, of: error) == "1,,\"a,b.html\",read,\"said \"\"no\"\"\nthen stopped\"\r\n")
        #expect(CSVFormat.field(.text("")) == "\"\"")
        #expect(CSVFormat.field(.null) == "")
        #expect(CSVFormat.field(.text("plain text")) == "plain text")
        #expect(CSVFormat.field(.text("cr\rhere")) == "\"cr\rhere\"")
        #expect(CSVFormat.field(.json(#"[[1,2],[3,4]]"#)) == #""[[1,2],[3,4]]""#)
    }
}
