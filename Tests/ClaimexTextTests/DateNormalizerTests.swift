@testable import ClaimexText
import Testing

/// Page dates become ISO 8601, keeping the time a page gives in ISO form.
@Suite struct DateNormalizerTests {
    @Test func isoDatesKeepTheirPrecision() {
        #expect(DateNormalizer.iso8601("2024-10-08") == "2024-10-08")
        #expect(DateNormalizer.iso8601("2024/10/08") == "2024-10-08")
        #expect(DateNormalizer.iso8601("2024-10-08T09:30:00+08:00") == "2024-10-08T09:30:00+08:00")
        #expect(DateNormalizer.iso8601("2024-10-08 09:30:00 +0800") == "2024-10-08T09:30:00+0800")
        #expect(DateNormalizer.iso8601("20241008") == "2024-10-08")
    }

    @Test func whitespaceAroundIsTrimmed() {
        #expect(DateNormalizer.iso8601("  2024-10-08\n") == "2024-10-08")
        #expect(DateNormalizer.iso8601("\u{A0}2024-10-08\u{2028}") == "2024-10-08")
        #expect(DateNormalizer.iso8601("\t October 8, 2024 ") == "2024-10-08")
    }

    @Test func datesInWords() {
        #expect(DateNormalizer.iso8601("October 8, 2024") == "2024-10-08")
        #expect(DateNormalizer.iso8601("8 Oct 2024") == "2024-10-08")
        #expect(DateNormalizer.iso8601("Tue, 08 Oct 2024 09:30:00 GMT") == "2024-10-08")
        #expect(DateNormalizer.iso8601("the 8th of October 2024") == "2024-10-08")
    }

    /// Only ASCII digits make an ISO date: other decimal digits (Arabic-Indic, fullwidth)
    /// do not, nor do impossible months and days.
    @Test func otherDigitsAndImpossibleDatesAreNotDates() {
        #expect(DateNormalizer.iso8601("\u{662}\u{660}\u{662}\u{664}-\u{661}\u{660}-\u{660}\u{668}") == nil)
        #expect(DateNormalizer.iso8601("\u{FF12}\u{FF10}\u{FF12}\u{FF14}-10-08") == nil)
        #expect(DateNormalizer.iso8601("2024-13-08") == nil)
        #expect(DateNormalizer.iso8601("1850-10-08") == nil)
        #expect(DateNormalizer.iso8601("yesterday") == nil)
        #expect(DateNormalizer.iso8601("") == nil)
    }
}
