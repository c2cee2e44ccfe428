using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Procurement.Testing;

namespace Procurement.BrowserTests;

/// <summary>What the journeys do again and again: sign in through the form, and check a page with axe.</summary>
public static class Pages
{
    public static async Task SignInAsync(IPage page, TestUser user)
    {
        await page.GotoAsync("/konto/logga-in");
        await page.GetByLabel("E-postadress").FillAsync(user.Email);
        await page.GetByLabel("Lösenord").FillAsync(user.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in", Exact = true }).ClickAsync();
        if (page.Url.Contains("/konto/logga-in/tvafaktor", StringComparison.Ordinal))
        {
            await page.GetByLabel("Kod från autentiseringsappen").FillAsync(AuthenticatorApp.Code(user.AuthenticatorKey!));
            await page.GetByRole(AriaRole.Button, new() { Name = "Logga in", Exact = true }).ClickAsync();
            await page.WaitForLoadStateAsync();
            if (page.Url.Contains("/konto/logga-in/tvafaktor", StringComparison.Ordinal))
            {
                // Each code works once; after an earlier sign-in this half-minute, the app's next code does.
                await page.GetByLabel("Kod från autentiseringsappen").FillAsync(AuthenticatorApp.Code(user.AuthenticatorKey!, stepsAhead: 1));
                await page.GetByRole(AriaRole.Button, new() { Name = "Logga in", Exact = true }).ClickAsync();
            }
        }

        await page.WaitForLoadStateAsync();
        Assert.DoesNotContain("/konto/logga-in", page.Url, StringComparison.Ordinal);
    }

    /// <summary>Runs axe-core on the page as it is now; fails with every violation named.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var violations = result.Violations
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join("; ", v.Nodes.Select(n => string.Join(" ", n.Target)))}")
            .ToList();
        Assert.True(violations.Count == 0, $"axe found {violations.Count} violations on {page.Url}:\n{string.Join("\n", violations)}");
    }
}
