using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;

namespace Hilmo.Server.Tests;

/// <summary>
/// The statistics APIs' text answers (v1 tables, PxWeb, Sotkanet) come Brotli- or
/// gzip-compressed when Accept-Encoding asks, decompressing to the very bytes of the plain
/// answer, under one weak entity tag that a cache keys on Accept-Encoding; XLSX, a zip already,
/// and the submission API's answers never come compressed.
/// </summary>
public sealed class TableCompressionTests(PxWebServer fixture) : IClassFixture<PxWebServer>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> AddressesAndCodings()
    {
        var data = new TheoryData<string, string>();
        foreach (var address in new[]
        {
            "/api/v1/statistics/visits?from={year}-01-01&to={year}-12-31&by=county,month",
            "/api/v1/statistics/visits?from={year}-01-01&to={year}-12-31&by=county,month&format=csv",
            "/api/v1/statistics/visits?from={year}-01-01&to={year}-12-31&by=county,month&format=px",
            "/api/v2/tables/visits-by-county/data?valueCodes[month]=*&valueCodes[county]=*",
            "/api/v2/tables/visits-by-county/data?valueCodes[month]=*&valueCodes[county]=*&outputFormat=csv",
            "/api/v2/tables/visits-by-county/data?valueCodes[month]=*&valueCodes[county]=*&outputFormat=px",
            "/api/v2/tables/visits-by-county/metadata",
            "/rest/1.1/regions",
            "/rest/1.1/json?indicator=5007&years={year}",
            "/rest/1.1/csv?indicator=5007&years={year}",
        })
        {
            foreach (var coding in new[] { "br", "gzip" })
            {
                data.Add(address, coding);
            }
        }

        return data;
    }

    private Uri Address(string address) => new(address.Replace("{year}", fixture.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), UriKind.Relative);

    private async Task<HttpResponseMessage> GetAsync(string address, string? coding, EntityTagHeaderValue? current = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Address(address));
        if (coding is not null)
        {
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(coding));
        }

        if (current is not null)
        {
            request.Headers.IfNoneMatch.Add(current);
        }

        using var client = fixture.Server.Client();
        return await client.SendAsync(request, Cancel);
    }

    [Theory]
    [MemberData(nameof(AddressesAndCodings))]
    public async Task A_table_comes_in_the_coding_asked_and_decompresses_to_the_plain_answer(string address, string coding)
    {
        using var plain = await GetAsync(address, null);
        using var compressed = await GetAsync(address, coding);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal(HttpStatusCode.OK, compressed.StatusCode);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal([coding], compressed.Content.Headers.ContentEncoding);

        var expected = await plain.Content.ReadAsByteArrayAsync(Cancel);
        var body = await compressed.Content.ReadAsByteArrayAsync(Cancel);
        // A few rows (a Sotkanet indicator of one year) may not shrink; a table of kilobytes does.
        Assert.True(expected.Length < 1_000 || body.Length < expected.Length / 2, $"{body.Length} compressed bytes of {expected.Length}");
        using var decoded = new MemoryStream();
        await using (Stream decoder = coding == "br" ? new BrotliStream(new MemoryStream(body), CompressionMode.Decompress) : new GZipStream(new MemoryStream(body), CompressionMode.Decompress))
        {
            await decoder.CopyToAsync(decoded, Cancel);
        }

        Assert.Equal(expected, decoded.ToArray());

        // One weak tag of the content for every coding, and caches told the coding matters.
        Assert.True(compressed.Headers.ETag!.IsWeak);
        Assert.Equal(plain.Headers.ETag, compressed.Headers.ETag);
        Assert.Contains("Accept-Encoding", plain.Headers.Vary);
        Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
        using var again = await GetAsync(address, coding, compressed.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Equal(compressed.Headers.ETag, again.Headers.ETag);
    }

    [Fact]
    public async Task Of_two_codings_accepted_alike_brotli_is_used()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Address("/api/v2/tables/visits-by-county/data?valueCodes[month]=*&valueCodes[county]=*"));
        request.Headers.AcceptEncoding.ParseAdd("gzip, br");
        using var client = fixture.Server.Client();
        using var response = await client.SendAsync(request, Cancel);

        Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
    }

    [Theory]
    [InlineData("/api/v1/statistics/visits?from={year}-01-01&to={year}-12-31&by=county&format=xlsx")]
    [InlineData("/api/v2/tables/visits-by-county/data?valueCodes[month]=*&valueCodes[county]=*&outputFormat=xlsx")]
    [InlineData("/healthz")]
    [InlineData("/openapi/v1.json")]
    public async Task Xlsx_and_answers_outside_the_statistics_come_as_they_are(string address)
    {
        using var response = await GetAsync(address, "gzip");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
    }
}
