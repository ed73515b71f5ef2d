using System.Net;
using Hilmo.Access;
using Hilmo.Codes;
using Hilmo.Identity;
using Hilmo.Synthetic;
using Hilmo.Testing;
using Hilmo.Testing.Statistics;
using Microsoft.Playwright;

namespace Hilmo.Server.Tests.Web;

/// <summary>
/// One register server with a year of generated records, and one headless Chromium, shared by
/// the web UI's tests. The browser is Debian's <c>/usr/bin/chromium</c> (test.sh installs it when
/// missing); Playwright never downloads one.
/// </summary>
public sealed class WebFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The year of the generated records: a whole, past year, as published tables need.</summary>
    public const int Year = 2025;

    private IPlaywright? playwright;

    internal ServerHarness Server { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Providers that have records in the generated data.</summary>
    public IReadOnlyList<string> Providers { get; private set; } = [];

    /// <summary>The provider with the most records: its yearly figures are large enough to be published.</summary>
    public string LargestProvider { get; private set; } = "";

    /// <summary>The records' versions the register must hold as current, as the generator made them, for counting figures independently of the register.</summary>
    public IReadOnlyList<ClientVisit> Current { get; private set; } = [];

    /// <summary>The release the public reads the year's figures from.</summary>
    public const string Release = "2025-annual";

    public string Url(string path) => new Uri(Server.Address, path).ToString();

    public async ValueTask InitializeAsync()
    {
        // The generator's units, registered to their providers as the SOTE register would have them.
        var codes = CodeServer.Load(RepositoryFolders.ShippedCodes);
        var generator = new ServiceEventGenerator(codes, new SyntheticIdentityCodes(), new GeneratorOptions { Seed = 7, Year = Year });
        var folder = Directory.CreateTempSubdirectory("hilmo-web-").FullName;
        Hilmo.Statistics.UnitRegister.Write(Path.Combine(folder, Hilmo.Statistics.UnitRegister.FileName),
            SyntheticProviderRegister.Units(generator.Providers, Hilmo.Statistics.RegionCatalogue.From(codes)));
        Server = await ServerHarness.StartAsync(folder: folder);
        var generated = generator.Generate(20_000).ToList();
        Providers = [.. generated.Select(g => g.Submitted?.Notification.Provider).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        LargestProvider = generated.Select(g => g.Submitted?.Notification.Provider).OfType<string>().GroupBy(p => p, StringComparer.Ordinal).MaxBy(g => g.Count())!.Key;
        using var body = new MemoryStream();
        using (var writer = new GeneratedRecordNdjsonWriter(body))
        {
            writer.WriteAll(generated);
        }

        using var response = await Server.Client(Server.Key(Role.Register, "THL")).PostAsync(new Uri("/api/v1/notifications", UriKind.Relative),
            Bodies.Content(body.ToArray()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Current = [.. generated
            .Where(g => g.IsValid && g.Submitted is not null)
            .Select(g => g.Submitted!)
            .GroupBy(s => (s.Notification.Provider, s.Notification.RecordId))
            .Select(versions => versions.MaxBy(s => s.Notification.UpdatedAt)!)
            .Where(s => !s.Notification.Withdrawn)
            .Select(ClientVisit.Of)];

        // The public reads releases only: the register keepers publish the year.
        var now = DateTimeOffset.UtcNow;
        Assert.True(await Server.Register.Services.Store.CreateReleaseAsync(new Hilmo.Statistics.Release(Release, now, now, "test")));

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-background-networking"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>A fresh browser context (its own cookies) with a page open; without JavaScript when <paramref name="javaScript"/> is false.</summary>
    public async Task<IPage> NewPageAsync(bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, JavaScriptEnabled = javaScript });
        // The whole suite shares two cores: a page that takes seconds under that load is slow, not broken.
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        Assertions.SetDefaultExpectTimeout(90_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the sign-in page with <paramref name="key"/>, as a person would.</summary>
    public async Task SignInAsync(IPage page, string key)
    {
        await page.GotoAsync(Url("/sign-in"));
        await page.GetByLabel("Käyttöavain").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Kirjaudu" }).Last.ClickAsync();
        // Wait for the answer's address only; later locators wait for what they need on the page.
        await page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
    }

    /// <summary>Saves a full-page screenshot under the test output folder (<c>screenshots/</c> beside the test assembly).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Assert.True(new FileInfo(path).Length > 1000, $"The screenshot {path} is empty.");
    }
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebFixture>
{
    public const string Name = "web";
}
