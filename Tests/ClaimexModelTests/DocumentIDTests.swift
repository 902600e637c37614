import ClaimexModel
import Foundation
import Testing

@Suite struct DocumentIDTests {
    @Test func idIsFirstSixteenHexDigitsOfSHA256() {
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        #expect(DocumentID(of: Array("abc".utf8)).hex == "ba7816bf8f01cfea")
        // SHA-256("") = e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
        #expect(DocumentID(of: [UInt8]()).hex == "e3b0c44298fc1c14")
    }

    @Test func inputDocumentComputesItsID() {
        let input = InputDocument(path: "a.html", bytes: Array("abc".utf8))
        #expect(input.id == DocumentID(hex: "ba7816bf8f01cfea"))
    }

    @Test func textSpanEncodesAsTwoElementArray() throws {
        let data = try JSONEncoder().encode(TextSpan(3, 9))
        #expect(String(decoding: data, as: UTF8.self) == "[3,9]")
        #expect(try JSONDecoder().decode(TextSpan.self, from: data) == TextSpan(3, 9))
    }
}
