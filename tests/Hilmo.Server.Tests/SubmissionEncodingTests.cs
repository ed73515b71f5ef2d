using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Hilmo.Access;

namespace Hilmo.Server.Tests;

/// <summary>
/// Compressed submissions (issue 18): gzip, deflate (zlib) and br are undone and checked to their
/// end; a damaged, cut-short or mislabelled body is 400 SUB-008 and stores nothing; any other
/// coding is 415 naming the supported ones. Before, garbage was a 500 and a cut-short gzip body
/// stored the records before the cut.
/// </summary>
public sealed class SubmissionEncodingTests : IAsyncLifetime
{
    private const int Records = 40;
    private ServerHarness server = null!;
    private HttpClient client = null!;

    public async ValueTask InitializeAsync()
    {
        server = await ServerHarness.StartAsync();
        client = server.Client(server.Key(Role.Submitter));
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();

    private static byte[] Plain(string format) => Encoding.UTF8.GetBytes(format switch
    {
        "application/json" => "[" + string.Join(",", Bodies.Ndjson(Records).Split('\n', StringSplitOptions.RemoveEmptyEntries)) + "]",
        _ => Bodies.Ndjson(Records),
    });

    public static byte[] Compress(string coding, byte[] data)
    {
        using var packed = new MemoryStream();
        using (Stream compressor = coding switch
        {
            "gzip" or "x-gzip" => new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true),
            "deflate" => new ZLibStream(packed, CompressionLevel.Fastest, leaveOpen: true),
            "raw-deflate" => new DeflateStream(packed, CompressionLevel.Fastest, leaveOpen: true),
            _ => new BrotliStream(packed, CompressionLevel.Fastest, leaveOpen: true),
        })
        {
            compressor.Write(data);
        }

        return packed.ToArray();
    }

    /// <summary>A damaged body of each kind: what is sent as which coding.</summary>
    public static TheoryData<string, string> Damaged => new()
    {
        { "garbage", "gzip" },
        { "garbage", "deflate" },
        { "garbage", "br" },
        { "empty", "gzip" },
        { "empty", "deflate" },
        { "empty", "br" },
        { "half", "gzip" },
        { "half", "deflate" },
        { "half", "br" },
        { "no-trailer", "gzip" },
        { "no-trailer", "deflate" },
        { "last-byte-cut", "br" },
        { "bad-crc", "gzip" },
        { "bad-adler", "deflate" },
        { "trailing-garbage", "gzip" },
        { "trailing-garbage", "br" },
        { "raw-deflate", "deflate" },
        { "gzip-as-br", "br" },
    };

    private static byte[] Body(string damage, string coding, byte[] plain)
    {
        var whole = Compress(coding, plain);
        switch (damage)
        {
            case "garbage":
                return plain;
            case "empty":
                return [];
            case "half":
                return whole[..(whole.Length / 2)];
            case "no-trailer":
                return whole[..(whole.Length - (coding == "gzip" ? 8 : 4))];
            case "last-byte-cut":
                return whole[..^1];
            case "bad-crc":
                whole[^6] ^= 0x55;
                return whole;
            case "bad-adler":
                whole[^1] ^= 0x55;
                return whole;
            case "trailing-garbage":
                return [.. whole, .. "\n{\"x\":1}\n"u8.ToArray()];
            case "raw-deflate":
                return Compress("raw-deflate", plain);
            case "gzip-as-br":
                return Compress("gzip", plain);
            default:
                throw new ArgumentOutOfRangeException(nameof(damage));
        }
    }

    private async Task<(HttpStatusCode Status, JsonElement Answer)> PostAsync(string path, byte[] body, string mediaType, params string[] codings)
    {
        var content = Bodies.Content(body, mediaType);
        foreach (var coding in codings)
        {
            content.Headers.ContentEncoding.Add(coding);
        }

        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    [Theory]
    [MemberData(nameof(Damaged))]
    public async Task A_damaged_compressed_body_is_400_SUB_008_and_stores_nothing(string damage, string coding)
    {
        foreach (var format in new[] { "application/x-ndjson", "application/json" })
        {
            var body = Body(damage, coding, Plain(format));
            foreach (var path in new[] { "/api/v1/notifications/validate", "/api/v1/notifications" })
            {
                var (status, answer) = await PostAsync(path, body, format, coding);
                Assert.True(status == HttpStatusCode.BadRequest, $"{format} {path}: {(int)status} {answer}");
                Assert.Equal("SUB-008", answer.GetProperty("code").GetString());
                Assert.Contains(coding, answer.GetProperty("detail").GetString(), StringComparison.Ordinal);
                Assert.Equal(0, answer.GetProperty("stored").GetInt32());
            }
        }

        Assert.Equal(0, (await server.Register.Services.Store.CountAsync()).Versions);
    }

    [Fact]
    public async Task A_damaged_compressed_xml_body_is_400_SUB_008()
    {
        var xml = Encoding.UTF8.GetBytes("<palvelutapahtumat>" + string.Concat(Enumerable.Repeat("<palvelutapahtuma><tunnus>1.2.3</tunnus></palvelutapahtuma>", 200)) + "</palvelutapahtumat>");
        var whole = Compress("gzip", xml);
        var (status, answer) = await PostAsync("/api/v1/notifications", whole[..(whole.Length / 2)], "application/xml", "gzip");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("SUB-008", answer.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("x-gzip")]
    [InlineData("deflate")]
    [InlineData("br")]
    [InlineData("identity")]
    public async Task Gzip_deflate_and_br_bodies_are_read_whole(string coding)
    {
        foreach (var format in new[] { "application/x-ndjson", "application/json" })
        {
            var plain = Plain(format);
            var body = coding == "identity" ? plain : Compress(coding, plain);
            var (status, answer) = await PostAsync("/api/v1/notifications/validate", body, format, coding);
            Assert.True(status == HttpStatusCode.OK, answer.ToString());
            Assert.Equal(Records, answer.GetProperty("accepted").GetInt64());
        }
    }

    [Theory]
    [InlineData("compress")]
    [InlineData("zstd")]
    [InlineData("gzip", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("bogus")]
    public async Task Other_codings_are_415_naming_the_supported_ones(params string[] codings)
    {
        foreach (var path in new[] { "/api/v1/notifications/validate", "/api/v1/notifications" })
        {
            var (status, answer) = await PostAsync(path, Compress("gzip", Plain("application/x-ndjson")), "application/x-ndjson", codings);
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
            Assert.Equal(["gzip", "deflate", "br"], answer.GetProperty("supportedEncodings").EnumerateArray().Select(e => e.GetString()));
        }

        Assert.Equal(0, (await server.Register.Services.Store.CountAsync()).Versions);
    }

    [Fact]
    public async Task A_compressed_body_larger_than_the_limit_once_undone_is_413()
    {
        await using var small = await ServerHarness.StartAsync(ServerOptions.Default with { MaxRequestBytes = 20_000 });
        var smallClient = small.Client(small.Key(Role.Submitter));
        var content = Bodies.Content(Compress("br", Encoding.UTF8.GetBytes(Bodies.Ndjson(200))));
        content.Headers.ContentEncoding.Add("br");
        using var response = await smallClient.PostAsync(new Uri("/api/v1/notifications", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
