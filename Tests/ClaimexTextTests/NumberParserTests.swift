@testable import ClaimexText
import Foundation
import Testing

@Suite("NumberParser")
struct NumberParserTests {
    static let valid: [(String, String)] = [
        ("42", "42"),
        ("007", "7"),
        ("2.5", "2.5"),
        ("0.1", "0.1"),
        ("1,200", "1200"),
        ("1,200,000", "1200000"),
        ("1,200,000.50", "1200000.5"),
        ("34,90", "34.9"),
        ("2,5", "2.5"),
        ("1.200.000", "1200000"),
        ("1.200.000,50", "1200000.5"),
        ("1.200", "1.2"),  // a lone dot is a decimal point (English default)
        ("-3.5", "-3.5"),
        ("+7", "7"),
        ("\u{2212}12", "-12"),
        ("١٢٣", "123"),  // Arabic-Indic digits
        ("１２", "12"),  // fullwidth digits
        ("123456789012345678901234567890", "123456789012345678901234567890"),
    ]

    @Test("parses", arguments: valid)
    func parses(_ input: String, _ expected: String) {
        #expect(NumberParser.value(of: input) == dec(expected))
    }

    @Test("0.1 is exact, not a binary approximation")
    func exactDecimal() throws {
        let value = try #require(NumberParser.value(of: "0.1"))
        #expect(value * 3 == dec("0.3"))
        #expect(value.description == "0.1")
    }

    static let invalid = [
        "", "1 200", "3.5.1", "1,2,3", "12,34,567", "1,2000", "1.", ".5", "1,,2", "abc", "12a",
        "1.200,000.5", "1,200.5.6", "1,2.5", "--1", "1-2", "1234,567",
    ]

    @Test("rejects", arguments: invalid)
    func rejects(_ input: String) {
        #expect(NumberParser.value(of: input) == nil)
    }

    /// Every string of up to five characters from digits, separators and signs: the
    /// one-pass reading of ASCII text gives what the general reading gives, down to the
    /// decimal's exponent and significand.
    @Test("ASCII text is read as the general reading reads it")
    func asciiReadingAgreesWithTheGeneralOne() {
        let alphabet = Array("0135.,-+")
        var strings = [""]
        var all: [String] = []
        for _ in 1...5 {
            strings = strings.flatMap { prefix in alphabet.map { prefix + String($0) } }
            all += strings
        }
        all += ["1,200,000.50", "1.200.000,50", "123456789012345678", "1234567890123456789", "0.000", "-0", "100.000,000"]
        var disagreements: [String] = []
        for text in all {
            let fast = NumberParser.value(of: text), general = NumberParser.generalValue(of: text)
            if fast != general || fast?.exponent != general?.exponent || fast?.significand != general?.significand {
                disagreements.append(text)
            }
        }
        #expect(all.count == 37_455)
        #expect(disagreements == [])
    }

    @Test("plain POSIX decimals", arguments: [
        ("1000000", "1000000"), ("0.01", "0.01"), ("-2.50", "-2.5"), ("007", "7"), ("1e3", "1000"), (".5", "0.5"),
        ("0", "0"), ("123456789012345678901", "123456789012345678901"),
    ])
    func plainDecimals(_ input: String, _ expected: String) {
        let value = NumberParser.plainValue(of: input)
        #expect(value == dec(expected))
        #expect(value?.exponent == Decimal(string: input, locale: Locale(identifier: "en_US_POSIX"))?.exponent)
    }

    @Test("not plain decimals", arguments: ["", "abc", "1,000x"])
    func notPlainDecimals(_ input: String) {
        #expect(NumberParser.plainValue(of: input) == Decimal(string: input, locale: Locale(identifier: "en_US_POSIX")))
    }
}

@Suite("NumberWords")
struct NumberWordsTests {
    static let valid: [([String], String)] = [
        (["two"], "2"),
        (["zero"], "0"),
        (["nineteen"], "19"),
        (["twenty", "-", "five"], "25"),
        (["twenty-five"], "25"),
        (["twenty", "five"], "25"),
        (["one", "hundred", "and", "fifty"], "150"),
        (["One", "Hundred"], "100"),
        (["a", "hundred"], "100"),
        (["nineteen", "hundred", "and", "ninety", "nine"], "1999"),
        (["three", "hundred", "million"], "300000000"),
        (["half", "a", "billion"], "500000000"),
        (["a", "quarter", "of", "a", "million"], "250000"),
        (["three", "quarters", "of", "a", "billion"], "750000000"),
        (["a", "billion"], "1000000000"),
        (["a", "thousand"], "1000"),
        (["a", "dozen"], "12"),
        (["two", "dozen"], "24"),
        (["two", "billion"], "2000000000"),
        (["two", "bn"], "2000000000"),
        (["one", "and", "a", "half", "billion"], "1500000000"),
        (["two", "and", "a", "half", "million"], "2500000"),
        (["one", "and", "three", "quarters"], "1.75"),
        (["a", "million", "and", "a", "half"], "1500000"),
        (["a", "half"], "0.5"),
        (["two", "million", "three", "hundred", "thousand"], "2300000"),
        (["one", "million", "and", "fifty"], "1000050"),
        (["ten", "lakh"], "1000000"),
        (["one", "crore", "fifty", "lakh"], "15000000"),
        (["five", "thousand"], "5000"),
    ]

    @Test("parses", arguments: valid)
    func parses(_ words: [String], _ expected: String) {
        #expect(NumberWords.value(of: words) == dec(expected))
    }

    static let invalid: [[String]] = [
        [], ["a"], ["and"], ["hundred"], ["million"], ["five", "five"], ["two", "million", "three", "million"],
        ["five", "thousand", "million"], ["one", "thousand", "twelve", "hundred"], ["half", "of"], ["half", "a"],
        ["one", "and"], ["two", "and", "fifty"], ["1.5", "million"], ["two", "apples"], ["twenty", "ten"],
        ["a", "quarter", "of", "a"],
    ]

    @Test("rejects what it cannot fully parse", arguments: invalid)
    func rejects(_ words: [String]) {
        #expect(NumberWords.value(of: words) == nil)
    }

    static let scales: [(String, String)] = [
        ("k", "1000"), ("K", "1000"), ("thousand", "1000"),
        ("m", "1000000"), ("M", "1000000"), ("MM", "1000000"), ("mn", "1000000"), ("mln", "1000000"),
        ("mio", "1000000"), ("million", "1000000"), ("millions", "1000000"), ("Million", "1000000"),
        ("b", "1000000000"), ("B", "1000000000"), ("bn", "1000000000"), ("bln", "1000000000"),
        ("billion", "1000000000"), ("billions", "1000000000"), ("BN", "1000000000"),
        ("t", "1000000000000"), ("tn", "1000000000000"), ("trillion", "1000000000000"),
        ("lakh", "100000"), ("lakhs", "100000"), ("crore", "10000000"), ("crores", "10000000"), ("cr", "10000000"),
    ]

    @Test("scale words", arguments: scales)
    func scale(_ word: String, _ expected: String) {
        #expect(NumberWords.scale(of: word) == dec(expected))
    }

    @Test("non-scale words", arguments: ["", "x", "bnn", "mil", "hundred", "dozen", "st", "nd"])
    func notScale(_ word: String) {
        #expect(NumberWords.scale(of: word) == nil)
    }
}
