using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Procurement.Testing;

/// <summary>
/// An HttpClient that behaves like a browser with forms: it reads the antiforgery token from the page
/// that holds the form and posts it back with the fields, as eShopOnWeb's functional tests do.
/// Redirects are not followed, so tests see every 302.
/// </summary>
public sealed class TestClient(HttpClient http, CookieContainer cookies) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Http { get; } = http;

    public CookieContainer Cookies { get; } = cookies;

    /// <summary>The value of a cookie the client holds for the app, or null.</summary>
    public string? Cookie(string name) => Cookies.GetCookies(new Uri("https://localhost/"))[name]?.Value;

    public Task<HttpResponseMessage> GetAsync(string url) => Http.GetAsync(url);

    public async Task<(HttpResponseMessage Response, IHtmlDocument Document)> GetPageAsync(string url)
    {
        var response = await Http.GetAsync(url);
        return (response, await ParseAsync(response));
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>
    /// Opens <paramref name="pageUrl"/> and submits its form that posts to <paramref name="actionUrl"/>, as a
    /// browser would: the form's hidden fields (antiforgery token included) plus the fields given.
    /// </summary>
    public async Task<HttpResponseMessage> SubmitAsync(string pageUrl, string actionUrl, IReadOnlyDictionary<string, string> fields)
    {
        var (page, document) = await GetPageAsync(pageUrl);
        Assert.True(page.IsSuccessStatusCode, $"GET {pageUrl} answered {(int)page.StatusCode}");
        var form = document.Forms.FirstOrDefault(f => ActionPath(f, pageUrl) == StripQuery(actionUrl))
            ?? throw new InvalidOperationException($"{pageUrl} has no form posting to {actionUrl}.");
        var values = form.Elements.OfType<IHtmlInputElement>()
            .Where(i => i.Type == "hidden" && i.Name is not null && i.Name != "__RequestVerificationToken")
            .ToDictionary(i => i.Name!, i => i.Value);
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }

        return await PostAsync(actionUrl, values, TokenOf(form));
    }

    /// <summary>Posts with a token from any form on <paramref name="tokenPageUrl"/> (the layout always has one).</summary>
    public async Task<HttpResponseMessage> PostAsync(string actionUrl, IReadOnlyDictionary<string, string> fields, string? token = null, string tokenPageUrl = "/")
    {
        if (token is null)
        {
            var (_, document) = await GetPageAsync(tokenPageUrl);
            token = document.Forms.Select(TokenOf).FirstOrDefault(t => t.Length > 0)
                ?? throw new InvalidOperationException($"{tokenPageUrl} has no antiforgery token.");
        }

        var content = new FormUrlEncodedContent(fields.Append(new KeyValuePair<string, string>("__RequestVerificationToken", token)));
        return await Http.PostAsync(actionUrl, content);
    }

    /// <summary>
    /// Opens <paramref name="pageUrl"/> and uploads <paramref name="content"/> through its file form (field "fil"), with the
    /// form's hidden fields and token plus <paramref name="fields"/>, as a browser would.
    /// </summary>
    public async Task<HttpResponseMessage> UploadAsync(string pageUrl, string fileName, byte[] content, IReadOnlyDictionary<string, string>? fields = null)
    {
        var (page, document) = await GetPageAsync(pageUrl);
        Assert.True(page.IsSuccessStatusCode, $"GET {pageUrl} answered {(int)page.StatusCode}");
        var form = document.Forms.FirstOrDefault(f => f.Enctype == "multipart/form-data")
            ?? throw new InvalidOperationException($"{pageUrl} has no file form.");
        using var body = new MultipartFormDataContent();
        foreach (var input in form.Elements.OfType<IHtmlInputElement>().Where(i => i.Type == "hidden" && i.Name is not null))
        {
            body.Add(new StringContent(input.Value), input.Name!);
        }

        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
        {
            body.Add(new StringContent(value), name);
        }

        body.Add(new ByteArrayContent(content), "fil", fileName);
        return await Http.PostAsync(ActionPath(form, pageUrl), body);
    }

    /// <summary>Password, then the authenticator code where the user has two-factor on.</summary>
    public async Task SignInAsync(TestUser user, string? returnUrl = null)
    {
        var response = await SubmitAsync("/konto/logga-in", "/konto/logga-in", new Dictionary<string, string>
        {
            ["Email"] = user.Email,
            ["Password"] = user.Password,
            ["ReturnUrl"] = returnUrl ?? "",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        if (response.Headers.Location!.OriginalString.StartsWith("/konto/logga-in/tvafaktor", StringComparison.Ordinal))
        {
            Assert.NotNull(user.AuthenticatorKey);
            var page = response.Headers.Location.OriginalString;
            // Each code works once: after an earlier sign-in within the same 30 seconds, the app's next code does.
            response = await SubmitAsync(page, "/konto/logga-in/tvafaktor", new Dictionary<string, string> { ["Code"] = AuthenticatorApp.Code(user.AuthenticatorKey!) });
            if (response.StatusCode != HttpStatusCode.Redirect)
            {
                response = await SubmitAsync(page, "/konto/logga-in/tvafaktor", new Dictionary<string, string> { ["Code"] = AuthenticatorApp.Code(user.AuthenticatorKey!, stepsAhead: 1) });
            }

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
    }

    public void Dispose() => Http.Dispose();

    private static string TokenOf(IHtmlFormElement form) =>
        (form.Elements["__RequestVerificationToken"] as IHtmlInputElement)?.Value ?? "";

    private static string ActionPath(IHtmlFormElement form, string pageUrl)
    {
        var action = form.GetAttribute("action");
        return StripQuery(string.IsNullOrEmpty(action) ? pageUrl : action);
    }

    private static string StripQuery(string url) => url.Split('?')[0];
}
