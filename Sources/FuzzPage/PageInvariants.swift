import ClaimexModel

/// What must hold of any article and its claims, whatever the page: every span lies in the
/// text, blocks are in order and do not overlap. A violation stops the fuzzer with a crash.
enum PageInvariants {
    static func check(_ claims: DocumentClaims) {
        let length = claims.article.text.unicodeScalars.count
        func inText(_ span: TextSpan, _ what: String) {
            precondition(span.start >= 0 && span.start <= span.end && span.end <= length,
                         "\(what) span \(span.start)..<\(span.end) outside a text of \(length) scalars")
        }
        var previousEnd = 0
        for block in claims.article.blocks {
            inText(block.span, "block")
            precondition(block.span.start >= previousEnd, "blocks overlap or are out of order")
            previousEnd = block.span.end
        }
        for entity in claims.claims.entities {
            for mention in entity.mentions { inText(mention, "entity mention") }
        }
        let scalars = Array(claims.article.text.unicodeScalars)
        for money in claims.claims.money {
            inText(money.amount.span, "money")
            let written = String(String.UnicodeScalarView(scalars[money.amount.span.start..<money.amount.span.end]))
            precondition(written == money.amount.text, "money text '\(money.amount.text)' is not the text at its span, '\(written)'")
        }
        for investment in claims.claims.investments {
            inText(investment.evidence, "evidence")
            if let amount = investment.amount { inText(amount.span, "investment amount") }
        }
    }
}
