namespace Procurement.Web.Infrastructure.Localization;

/// <summary>
/// Marks a Swedish UI text that is translated later, where it is shown (<c>L[text]</c>). The marker does
/// nothing at run time; it lets the localization test find every text that needs an English version.
/// </summary>
public static class Texts
{
    public static string Sv(string swedish) => swedish;
}
