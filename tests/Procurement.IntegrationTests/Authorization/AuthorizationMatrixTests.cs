using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Domain.Identity;
using Procurement.Testing;
using static Procurement.IntegrationTests.Authorization.Access;

namespace Procurement.IntegrationTests.Authorization;

public enum Access
{
    /// <summary>Passes authorization: any answer but a sign-in redirect, 401, 403 or 5xx.</summary>
    Ok,

    /// <summary>Sent to sign in (302 to /konto/logga-in).</summary>
    SignIn,

    /// <summary>403.</summary>
    Denied,
}

/// <summary>
/// Every endpoint of the app, and what an anonymous visitor and each role get from it. A new endpoint
/// that is not added here fails <see cref="Every_endpoint_of_the_app_is_in_the_matrix"/>.
/// </summary>
public sealed class AuthorizationMatrixTests(ProcurementWebFactory app) : IClassFixture<ProcurementWebFactory>
{
    private const string AnyMethod = "*";

    private static readonly Rule[] Matrix =
    [
        //  method  route pattern                          sample request                              anon    admin   officer muni    supplier
        new("GET",  "/",                                   "/",                                        Ok,     Ok,     Ok,     Ok,     Ok),
        new(AnyMethod, "/health",                          "/health",                                  Ok,     Ok,     Ok,     Ok,     Ok),
        new(AnyMethod, "/fel/{code:int}",                  "/fel/404",                                 Ok,     Ok,     Ok,     Ok,     Ok),
        new("POST", "/sprak",                              "/sprak",                                   Ok,     Ok,     Ok,     Ok,     Ok),

        // Sign-in, registration and links from e-mail: open to all.
        new("GET",  "/konto/logga-in",                     "/konto/logga-in",                          Ok,     Ok,     Ok,     Ok,     Ok),
        new("POST", "/konto/logga-in",                     "/konto/logga-in",                          Ok,     Ok,     Ok,     Ok,     Ok),
        new("GET",  "/konto/logga-in/tvafaktor",           "/konto/logga-in/tvafaktor",                Ok,     Ok,     Ok,     Ok,     Ok),
        new("POST", "/konto/logga-in/tvafaktor",           "/konto/logga-in/tvafaktor",                Ok,     Ok,     Ok,     Ok,     Ok),
        new("GET",  "/konto/logga-in/aterstallningskod",   "/konto/logga-in/aterstallningskod",        Ok,     Ok,     Ok,     Ok,     Ok),
        new("POST", "/konto/logga-in/aterstallningskod",   "/konto/logga-in/aterstallningskod",        Ok,     Ok,     Ok,     Ok,     Ok),
        new("GET",  "/konto/glomt-losenord",               "/konto/glomt-losenord",                    Ok,     Ok,     Ok,     Ok,     Ok),
        new("POST", "/konto/glomt-losenord",               "/konto/glomt-losenord",                    Ok,     Ok,     Ok,     Ok,     Ok),
        new("GET",  "/konto/glomt-losenord/skickat",       "/konto/glomt-losenord/skickat",            Ok,     Ok,     Ok,     Ok,     Ok),
        new("GET",  "/konto/aterstall-losenord",           "/konto/aterstall-losenord",                Ok,     Ok,     Ok,     Ok,     Ok),
        new("POST", "/konto/aterstall-losenord",           "/konto/aterstall-losenord",                Ok,     Ok,     Ok,     Ok,     Ok),
        new("GET",  "/registrera",                         "/registrera",                              Ok,     Ok,     Ok,     Ok,     Ok),
        new("POST", "/registrera",                         "/registrera",                              Ok,     Ok,     Ok,     Ok,     Ok),
        new("GET",  "/registrera/skickat",                 "/registrera/skickat",                      Ok,     Ok,     Ok,     Ok,     Ok),
        new("GET",  "/konto/bekrafta-epost",               "/konto/bekrafta-epost",                    Ok,     Ok,     Ok,     Ok,     Ok),
        new("GET",  "/konto/skicka-bekraftelse",           "/konto/skicka-bekraftelse",                Ok,     Ok,     Ok,     Ok,     Ok),
        new("POST", "/konto/skicka-bekraftelse",           "/konto/skicka-bekraftelse",                Ok,     Ok,     Ok,     Ok,     Ok),
        new("GET",  "/inbjudan",                           "/inbjudan?kod=okand",                      Ok,     Ok,     Ok,     Ok,     Ok),
        new("POST", "/inbjudan",                           "/inbjudan",                                Ok,     Ok,     Ok,     Ok,     Ok),

        // My account: every signed-in user, before two-factor is set up too.
        new("GET",  "/konto",                              "/konto",                                   SignIn, Ok,     Ok,     Ok,     Ok),
        new("POST", "/konto/namn",                         "/konto/namn",                              SignIn, Ok,     Ok,     Ok,     Ok),
        new("GET",  "/konto/losenord",                     "/konto/losenord",                          SignIn, Ok,     Ok,     Ok,     Ok),
        new("POST", "/konto/losenord",                     "/konto/losenord",                          SignIn, Ok,     Ok,     Ok,     Ok),
        new("POST", "/konto/sessioner/avsluta-andra",      "/konto/sessioner/avsluta-andra",           SignIn, Ok,     Ok,     Ok,     Ok),
        new("POST", "/konto/logga-ut",                     "/konto/logga-ut",                          SignIn, Ok,     Ok,     Ok,     Ok) { Changes = true },
        new("GET",  "/konto/tvafaktor",                    "/konto/tvafaktor",                         SignIn, Ok,     Ok,     Ok,     Ok),
        new("POST", "/konto/tvafaktor/aktivera",           "/konto/tvafaktor/aktivera",                SignIn, Ok,     Ok,     Ok,     Ok),
        new("POST", "/konto/tvafaktor/nya-koder",          "/konto/tvafaktor/nya-koder",               SignIn, Ok,     Ok,     Ok,     Ok),
        new("POST", "/konto/tvafaktor/ny-app",             "/konto/tvafaktor/ny-app",                  SignIn, Ok,     Ok,     Ok,     Ok) { Changes = true },
        new("POST", "/konto/tvafaktor/stang-av",           "/konto/tvafaktor/stang-av",                SignIn, Ok,     Ok,     Ok,     Ok) { Changes = true },

        // Officers and administrators.
        new("GET",  "/organisationer",                     "/organisationer",                          SignIn, Ok,     Ok,     Denied, Denied),
        new("GET",  "/organisationer/{id:guid}",           "/organisationer/{uppsala}",                SignIn, Ok,     Ok,     Denied, Denied),
        new("GET",  "/inbjudningar",                       "/inbjudningar",                            SignIn, Ok,     Ok,     Denied, Denied),
        new("GET",  "/inbjudningar/ny",                    "/inbjudningar/ny",                         SignIn, Ok,     Ok,     Denied, Denied),
        new("POST", "/inbjudningar/ny",                    "/inbjudningar/ny",                         SignIn, Ok,     Ok,     Denied, Denied),
        new("POST", "/inbjudningar/{id:guid}/aterkalla",   "/inbjudningar/{random}/aterkalla",         SignIn, Ok,     Ok,     Denied, Denied),

        // Administrators only.
        new("GET",  "/organisationer/ny",                  "/organisationer/ny",                       SignIn, Ok,     Denied, Denied, Denied),
        new("POST", "/organisationer/ny",                  "/organisationer/ny",                       SignIn, Ok,     Denied, Denied, Denied),
    ];

    private static readonly string[] RoleOrder =
        ["", Roles.Administrator, Roles.ProcurementOfficer, Roles.MunicipalityRepresentative, Roles.Supplier];

    [Fact]
    public void Every_endpoint_of_the_app_is_in_the_matrix()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => !IsStaticFile(e.RoutePattern.RawText))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [AnyMethod])
                .Select(method => $"{method} {Normalize(e.RoutePattern.RawText)}"))
            .ToHashSet();
        var listed = Matrix.Select(r => $"{r.Method} {r.Route}").ToHashSet();

        Assert.True(endpoints.SetEquals(listed),
            $"Not in the matrix: {string.Join(", ", endpoints.Except(listed))}. In the matrix but not in the app: {string.Join(", ", listed.Except(endpoints))}.");
        Assert.Equal(Matrix.Length, listed.Count); // no duplicates
    }

    [Fact]
    public async Task Static_files_are_served_to_anyone()
    {
        using var anonymous = app.NewClient();
        var files = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(r => IsStaticFile(r) && !r.Contains('{', StringComparison.Ordinal))
            .ToList();

        Assert.Contains("/css/site.css", files);
        Assert.Contains("/favicon.svg", files);
        foreach (var file in files)
        {
            var response = await anonymous.GetAsync(file);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{file}: {(int)response.StatusCode}\n{app.Log}");
        }
    }

    [Fact]
    public async Task Each_visitor_gets_what_the_matrix_says()
    {
        var uppsala = await app.QueryScalarAsync<Guid>("SELECT id FROM organisations WHERE municipality_code = '0380'");
        var shared = new Dictionary<string, TestClient> { [""] = app.NewClient() };
        foreach (var role in RoleOrder.Skip(1))
        {
            shared[role] = (await app.SignedInAsync(role)).Client;
        }

        var failures = new List<string>();
        foreach (var rule in Matrix)
        {
            var url = rule.Sample.Replace("{uppsala}", uppsala.ToString(), StringComparison.Ordinal)
                .Replace("{random}", Guid.NewGuid().ToString(), StringComparison.Ordinal);
            for (var i = 0; i < RoleOrder.Length; i++)
            {
                var role = RoleOrder[i];
                var client = rule.Changes && role.Length > 0 ? (await app.SignedInAsync(role)).Client : shared[role];
                foreach (var method in rule.Method == AnyMethod ? ["GET", "POST"] : new[] { rule.Method })
                {
                    var response = method == "GET"
                        ? await client.GetAsync(url)
                        : await client.PostAsync(url, new Dictionary<string, string>());
                    var actual = Classify(response);
                    if (actual != rule.Expected[i])
                    {
                        failures.Add($"{method} {url} as {(role.Length == 0 ? "anonymous" : role)}: expected {rule.Expected[i]}, got {(int)response.StatusCode} {response.Headers.Location}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures) + "\n" + app.Log);
    }

    private static Access? Classify(HttpResponseMessage response) => response.StatusCode switch
    {
        HttpStatusCode.Forbidden => Denied,
        HttpStatusCode.Redirect when response.Headers.Location!.ToString().StartsWith("https://localhost/konto/logga-in", StringComparison.Ordinal) => SignIn,
        HttpStatusCode.Unauthorized => null,
        >= HttpStatusCode.InternalServerError => null,
        _ => Ok,
    };

    /// <summary>Files under wwwroot (and the catch-all that serves them), which need no authorization.</summary>
    private static bool IsStaticFile(string? route) =>
        route is not null && (System.IO.Path.HasExtension(route) || route.Contains(":file}", StringComparison.Ordinal));

    private static string Normalize(string? route) => "/" + (route ?? "").TrimStart('/');

    private sealed record Rule(string Method, string Route, string Sample, params Access[] Expected)
    {
        /// <summary>The request ends the session or changes sign-in: each visitor uses a fresh one.</summary>
        public bool Changes { get; init; }
    }
}
