namespace Procurement.Domain.Requirements;

/// <summary>
/// The four kinds of requirement, each under its own part of LOU. Stored by name; never rename.
/// </summary>
public enum RequirementKind
{
    /// <summary>Kvalificeringskrav: on the supplier (capacity, finances). Not met: application rejected (ch. 14).</summary>
    Kval,

    /// <summary>Ska-krav: on the solution. Not met: tender rejected (ch. 9).</summary>
    Ska,

    /// <summary>Bör-krav: added value, evaluated with weights or as a price deduction (ch. 16).</summary>
    Bor,

    /// <summary>Särskilt kontraktsvillkor: applies while the contract runs (ch. 17).</summary>
    Kv,
}

public static class RequirementKinds
{
    public static IReadOnlyList<RequirementKind> All { get; } = [RequirementKind.Kval, RequirementKind.Ska, RequirementKind.Bor, RequirementKind.Kv];

    /// <summary>The code as procurement documents write it: KVAL, SKA, BÖR, KV.</summary>
    public static string Code(this RequirementKind kind) => kind switch
    {
        RequirementKind.Kval => "KVAL",
        RequirementKind.Ska => "SKA",
        RequirementKind.Bor => "BÖR",
        RequirementKind.Kv => "KV",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>
    /// Reads what people type in a form or a spreadsheet: the code (KVAL, SKA, BÖR/BOR, KV), the Swedish
    /// name ("ska-krav", "Bör krav", "kvalificeringskrav", "kontraktsvillkor", "särskilt kontraktsvillkor"),
    /// in any case and with surrounding space.
    /// </summary>
    public static bool TryParse(string? text, out RequirementKind kind)
    {
        var normalized = (text ?? "").Trim().ToUpperInvariant().Replace('-', ' ').Replace("  ", " ", StringComparison.Ordinal);
        RequirementKind? found = normalized switch
        {
            "KVAL" or "KVALIFICERINGSKRAV" or "KVALIFICERINGS KRAV" => RequirementKind.Kval,
            "SKA" or "SKA KRAV" or "SKAKRAV" or "OBLIGATORISKT" => RequirementKind.Ska,
            "BÖR" or "BOR" or "BÖR KRAV" or "BÖRKRAV" or "BOR KRAV" or "TILLDELNINGSKRITERIUM" => RequirementKind.Bor,
            "KV" or "KONTRAKTSVILLKOR" or "SÄRSKILT KONTRAKTSVILLKOR" or "SÄRSKILDA KONTRAKTSVILLKOR" => RequirementKind.Kv,
            _ => null,
        };
        kind = found ?? default;
        return found is not null;
    }
}
