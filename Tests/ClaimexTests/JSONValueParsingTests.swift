import Claimex
import ClaimexOutput
import Foundation
import Testing

/// Records read back compare equal to the records claimex writes.
@Suite struct JSONValueParsingTests {
    @Test func readsBackWhatIsWritten() throws {
        let value = JSONValue.object([
            ("v", .int(1)), ("text", .string("Tab\there \"quoted\" \\ é 日本 🚀 \u{2028}\u{01}")),
            ("value", .decimal(Decimal(string: "2.75")!)), ("big", .decimal(2_500_000_000)), ("neg", .int(-3)),
            ("list", .array([.null, .bool(true), .bool(false), .array([])])), ("empty", .object([])),
        ])
        let text = value.serialized()
        let parsed = try JSONValue.parse(text)
        #expect(parsed.serialized() == text)
        #expect(parsed.members.map(\.0) == ["v", "text", "value", "big", "neg", "list", "empty"])
        #expect(parsed[member: "value"] == .decimal(Decimal(string: "2.75")!))
        #expect(parsed[member: "big"] == .int(2_500_000_000))
    }

    @Test func readsEscapesAndSurrogatePairs() throws {
        #expect(try JSONValue.parse(#""\u00e9\ud83d\ude80\/""#) == .string("é🚀/"))
        #expect(try JSONValue.parse(" [1, 2.5e1 , -0.5] ").serialized() == "[1,25,-0.5]")
    }

    @Test(arguments: [
        ("{\"a\":1", "the text ends inside an object"),
        ("{\"a\" 1}", "expected ':' after member name"),
        ("[1,]", "expected a value"),
        ("\"abc", "the text ends inside a string"),
        ("tru", "expected 'true'"),
        ("{} x", "unexpected text after the value"),
        ("\"\\q\"", "unknown escape '\\q'"),
    ])
    func refusesBrokenJSON(text: String, reason: String) {
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(text) }
        do {
            _ = try JSONValue.parse(text)
        } catch {
            #expect(error.reason == reason)
        }
    }
}
