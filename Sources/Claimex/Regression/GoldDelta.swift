/// Gold scores of the baseline's records and of the fresh records, for the pages that have a
/// gold file beside them (`NAME.gold.json` beside `NAME.html`).
public struct GoldDelta: Sendable {
    /// Precision, recall and F1 of one kind, before and after.
    public struct KindScores: Sendable, Hashable {
        /// `entity`, `money` or `investment`.
        public let kind: String
        public let before: Scores
        public let after: Scores
    }

    /// Precision, recall and F1.
    public struct Scores: Sendable, Hashable {
        public let precision: Double
        public let recall: Double
        public let f1: Double
    }

    /// The number of pages scored.
    public let pages: Int
    /// Scores per kind, in the order entity, money, investment.
    public let kinds: [KindScores]

    /// The kinds scored.
    public static let kindNames = ["entity", "money", "investment"]

    /// The delta of two scorers that saw the same gold files.
    public init(pages: Int, before: GoldScorer, after: GoldScorer) {
        self.pages = pages
        kinds = Self.kindNames.map { kind in
            let old = before.prf(kind), new = after.prf(kind)
            return KindScores(kind: kind, before: Scores(precision: old.p, recall: old.r, f1: old.f1),
                              after: Scores(precision: new.p, recall: new.r, f1: new.f1))
        }
    }

    /// Whether any score moved (at the three decimals shown).
    public var moved: Bool {
        kinds.contains { kind in
            [(kind.before.precision, kind.after.precision), (kind.before.recall, kind.after.recall), (kind.before.f1, kind.after.f1)]
                .contains { (($0 * 1000).rounded()) != (($1 * 1000).rounded()) }
        }
    }
}
