using System.Globalization;

namespace Procurement.Web.Infrastructure.Localization;

public static class Cultures
{
    public const string Swedish = "sv-SE";
    public const string English = "en-GB";

    public static readonly CultureInfo[] Supported = [new(Swedish), new(English)];

    public static bool IsSupported(string? name) => Supported.Any(c => c.Name == name);

    /// <summary>All times are shown in Swedish time, whatever the server's zone.</summary>
    public static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    public static DateTimeOffset ToStockholm(this DateTimeOffset value) => TimeZoneInfo.ConvertTime(value, Stockholm);

    public static string ToDisplayTime(this DateTimeOffset value) =>
        value.ToStockholm().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
