/// The normalizers a rule's fields may call, with the number of captures each takes.
/// Their work is done by `FieldEvaluator`; this table is what the compiler checks against.
public enum Normalizers {
    /// Name → (fewest, most) capture arguments; nil for no upper bound.
    public static let arity: [String: (Int, Int?)] = [
        "text": (1, nil),      // the captured text as written (the first capture present)
        "lookup": (1, nil),    // the `value` column of the lexicon phrase captured (first capture present)
        "canonical": (1, 1),   // the `canonical` column of a gazetteer phrase, else the cleaned text
        "key": (1, 1),         // the `key` column of a gazetteer phrase
        "number": (1, 1),      // digits (1,200 / 2.5 / 34,90) or words (two, half a) as a number
        "scale": (1, 1),       // a scale word as a factor (bn → 1000000000)
        "amount": (1, nil),    // number(first) × scale(first of the rest that is present)
        "mentions": (1, nil),  // the earlier-stage mentions inside the captures present
        "join": (2, nil),      // the captured texts present, joined by a space (Dario … Amodei)
    ]

    /// The fields each label's rules may set, and those they must set.
    public static let fields: [String: (allowed: Set<String>, required: Set<String>)] = [
        "ORG": (["name", "key"], []),
        "PERSON": (["name", "key"], []),
        "PRODUCT": (["name", "key"], []),
        "GPE": (["name", "key"], []),
        "MONEY": (["value", "currency", "qualifier", "low", "high", "period"], ["value", "currency"]),
        "ROLE": (["target", "role", "subject", "anaphor"], ["target", "role"]),
        "CUE": (["modality"], ["modality"]),
        "INVESTMENT": (["investor", "investor_anaphor", "with", "investee", "amount", "modality"], []),
        "NOT_INVESTMENT": (["investor", "investee", "why"], []),
        "SKIP": ([], []),
    ]

    /// Constant values a field accepts, where the contract fixes them.
    public static let constants: [String: Set<String>] = [
        "role": ["investment", "funding", "valuation", "revenue", "spending", "acquisition", "other"],
        "modality": ["asserted", "reported", "planned", "negated", "rumored"],
        "qualifier": ["approx", "more_than", "less_than", "at_least", "at_most", "nearly"],
        "period": ["year", "quarter", "month", "week", "day"],
    ]
}
