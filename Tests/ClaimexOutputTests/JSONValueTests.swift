import ClaimexModel
@testable import ClaimexOutput
import Foundation
import Testing

@Suite struct JSONValueTests {
    @Test func objectsKeepKeyOrder() {
        let value = JSONValue.object([("v", .int(1)), ("kind", .string("article")), ("doc", .null), ("ok", .bool(true))])
        #expect(value.serialized() == #"{"v":1,"kind":"article","doc":null,"ok":true}"#)
    }

    @Test func stringsAreEscaped() {
        let value = JSONValue.string("a\"b\\c\nd\te\u{01}f\u{2028}g\u{20AC}\u{1F44D}/")
        #expect(value.serialized() == "\"a\\\"b\\\\c\\nd\\te\\u0001f\\u2028g\u{20AC}\u{1F44D}/\"")
        // Other scalars starting with the same byte as U+2028 pass through; so do plain runs.
        #expect(JSONValue.string("Jerry\u{2019}s \u{2026}\u{2029}").serialized() == "\"Jerry\u{2019}s \u{2026}\\u2029\"")
        #expect(JSONValue.string("plain text").serialized() == "\"plain text\"")
        #expect(JSONValue.string("\u{1F}\u{E2}").serialized() == "\"\\u001f\u{E2}\"")
    }

    @Test(arguments: [("2500000000", "2500000000"), ("2.5", "2.5"), ("0.10", "0.1"), ("1001000000", "1001000000"), ("-3.25", "-3.25")])
    func decimalsArePlain(input: String, expected: String) throws {
        let decimal = try #require(Decimal(string: input))
        #expect(JSONValue.decimal(decimal).serialized() == expected)
    }

    @Test func errorRecordFollowsTheContract() {
        let result = DocumentResult(path: "a/b.html", outcome: .failed(ErrorRecord(path: "a/b.html", doc: nil, stage: .read, message: "no such file; check the path")))
        #expect(RecordEncoder().jsonLines(for: result) == #"{"v":1,"kind":"error","doc":null,"path":"a/b.html","stage":"read","message":"no such file; check the path"}"# + "\n")
    }

    @Test func articleRecordFollowsTheContract() {
        let article = Article(metadata: ArticleMetadata(title: "T", published: "2024-10-08"), text: "T\n\nBody.",
                              blocks: [Block(kind: .heading, span: TextSpan(0, 1), level: 1), Block(kind: .paragraph, span: TextSpan(3, 8))])
        let claims = DocumentClaims(doc: DocumentID(hex: "0123456789abcdef"), path: "x.html", article: article, encoding: "UTF-8")
        let line = RecordEncoder().jsonLines(for: DocumentResult(path: "x.html", outcome: .extracted(claims)))
        #expect(line == #"{"v":1,"kind":"article","doc":"0123456789abcdef","path":"x.html","title":"T","byline":null,"published":"2024-10-08","url":null,"site":null,"lang":null,"encoding":"UTF-8","text":"T\n\nBody.","blocks":[{"kind":"heading","span":[0,1],"level":1},{"kind":"paragraph","span":[3,8]}]}"# + "\n")
    }

    @Test func bytesAndTextComeInTheSameWholeLineChunks() {
        let article = Article(metadata: ArticleMetadata(title: "Zürich"), text: "Zürich\n\nBody.",
                              blocks: [Block(kind: .heading, span: TextSpan(0, 6), level: 1), Block(kind: .paragraph, span: TextSpan(8, 13))])
        let claims = DocumentClaims(doc: DocumentID(hex: "0123456789abcdef"), path: "x.html", article: article, encoding: "UTF-8")
        let result = DocumentResult(path: "x.html", outcome: .extracted(claims))
        var texts: [String] = [], bytes: [[UInt8]] = []
        RecordEncoder().writeJSONLines(for: result, chunkSize: 1) { texts.append($0) }
        RecordEncoder().writeJSONLineBytes(for: result, chunkSize: 1) { bytes.append(Array($0)) }
        #expect(texts.count == 1)
        #expect(bytes == texts.map { Array($0.utf8) })
        #expect(texts.joined() == RecordEncoder().jsonLines(for: result))
    }
}
