namespace Procurement.Domain.Procurements;

/// <summary>
/// A Common Procurement Vocabulary code as written in notices: eight digits, a hyphen and a check digit
/// (48000000-8). Only the form is checked here; the list of valid codes is the EU's.
/// </summary>
public static class CpvCode
{
    public static bool IsValid(string? code) =>
        code is { Length: 10 } && code[8] == '-' && code.Remove(8, 1).All(char.IsAsciiDigit);

    /// <summary>Splits what a user typed ("48000000-8, 72000000-5" or one per line) into codes, keeping order, no duplicates.</summary>
    public static IReadOnlyList<string> Split(string? text) =>
        (text ?? "").Split([',', ';', '\n', '\r', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
