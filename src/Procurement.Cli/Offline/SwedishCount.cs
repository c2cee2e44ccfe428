using System.Globalization;

namespace Procurement.Cli.Offline;

/// <summary>Counts as Swedish writes them, "12 345", with a plain space so the output is the same on every machine.</summary>
public static class SwedishCount
{
    private static readonly NumberFormatInfo Format = new() { NumberGroupSeparator = " ", NumberGroupSizes = [3] };

    public static string Of(int count) => count.ToString("#,0", Format);

    /// <summary>"1 grupp", "2 grupper".</summary>
    public static string Of(int count, string one, string many) => $"{Of(count)} {(count == 1 ? one : many)}";
}
