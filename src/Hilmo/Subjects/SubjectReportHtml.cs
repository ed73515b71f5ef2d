using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Hilmo.Notifications;
using Hilmo.Storage;

namespace Hilmo.Subjects;

/// <summary>
/// A data-subject report as one self-contained HTML page, for the person to read or print: no
/// scripts, no outside resources, in Finnish, Swedish or English.
/// </summary>
public static class SubjectReportHtml
{
    // Letters of every language as they are, so that the page reads in a text editor too; markup characters escaped.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Write(SubjectReport report, string language)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder();
        string T(LocalizedText text) => Encoder.Encode(text.In(language));
        static string E(string text) => Encoder.Encode(text);
        static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="{E(language)}"><head><meta charset="utf-8"><title>{T(Texts.Title)}</title>
            <style>body{"{"}font-family:system-ui,sans-serif;margin:2rem;max-width:60rem{"}"}table{"{"}border-collapse:collapse;margin:0.5rem 0 1.5rem{"}"}th,td{"{"}border:1px solid #999;padding:0.2rem 0.5rem;text-align:left;vertical-align:top{"}"}</style>
            </head><body>
            <h1>{T(Texts.Title)}</h1>
            <p>{T(Texts.Intro)}</p>
            <p>{T(Texts.Answered)}: {Time(report.AnsweredAt)}. {T(Texts.Summary)}: {report.VersionCount} / {report.Records.Count} / {report.ProviderCount}.</p>
            <h2>{T(Texts.Records)}</h2>

            """);
        if (report.Records.Count == 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{T(Texts.NoRecords)}</p>\n");
        }

        foreach (var record in report.Records)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h3>{E(record.Register.DisplayName())} · {T(Texts.Provider)} {E(record.Provider)} · {T(Texts.Record)} {E(record.RecordId)}</h3>\n");
            foreach (var version in record.Versions)
            {
                html.Append(CultureInfo.InvariantCulture,
                    $"<p>{T(Texts.Version)} {version.VersionId} · {T(Texts.Received)} {Time(version.ReceivedAt)} · {T(Texts.State)}: {T(version.State.Label())}</p>\n<table><tr><th>{T(Texts.Field)}</th><th>{T(Texts.Value)}</th></tr>\n");
                foreach (var (field, value) in version.Fields)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(field)}</td><td>{E(value)}</td></tr>\n");
                }

                html.Append("</table>\n");
            }
        }

        html.Append(CultureInfo.InvariantCulture, $"<h2>{T(Texts.Usage)}</h2>\n<p>{T(Texts.UsageSince)} {Time(report.UsageSince)}.</p>\n");
        if (report.Usage.Count == 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{T(Texts.NoUsage)}</p>\n");
        }
        else
        {
            html.Append(CultureInfo.InvariantCulture, $"<table><tr><th>{T(Texts.Time)}</th><th>{T(Texts.What)}</th><th>{T(Texts.Who)}</th><th>{T(Texts.Why)}</th><th>{T(Texts.Target)}</th><th>{T(Texts.Result)}</th></tr>\n");
            foreach (var use in report.Usage)
            {
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td>{Time(use.Time)}</td><td>{T(use.Kind.Label())}</td><td>{E(use.Actor)}</td><td>{E(use.Reason)}</td><td>{E(use.Target)}</td><td>{E(use.Result)}</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static class Texts
    {
        public static readonly LocalizedText Title = new("Hoitoilmoitusrekisterin tiedot henkilöstä", "Vårdanmälningsregistrets uppgifter om personen", "What the care notification register holds about the person");
        public static readonly LocalizedText Intro = new(
            "Tässä ovat kaikki rekisteriin tallennetut tiedot, jotka koskevat pyynnön tehnyttä henkilöä, ja loki niiden käytöstä. Henkilötunnusta rekisteri ei tallenna.",
            "Här är alla uppgifter i registret som gäller personen som gjort begäran, och loggen över deras användning. Registret lagrar ingen personbeteckning.",
            "These are all the data stored in the register about the person who made the request, and the log of their use. The register stores no identity code.");
        public static readonly LocalizedText Answered = new("Vastattu", "Besvarad", "Answered");
        public static readonly LocalizedText Summary = new("Versioita / tietueita / tuottajia", "Versioner / poster / producenter", "Versions / records / providers");
        public static readonly LocalizedText Records = new("Tallennetut tiedot", "Lagrade uppgifter", "Stored data");
        public static readonly LocalizedText NoRecords = new("Rekisterissä ei ole tietoja henkilöstä.", "Registret har inga uppgifter om personen.", "The register holds no data about the person.");
        public static readonly LocalizedText Provider = new("tuottaja", "producent", "provider");
        public static readonly LocalizedText Record = new("tietue", "post", "record");
        public static readonly LocalizedText Version = new("Versio", "Version", "Version");
        public static readonly LocalizedText Received = new("vastaanotettu", "mottagen", "received");
        public static readonly LocalizedText State = new("tila", "status", "state");
        public static readonly LocalizedText Field = new("Kenttä", "Fält", "Field");
        public static readonly LocalizedText Value = new("Arvo", "Värde", "Value");
        public static readonly LocalizedText Usage = new("Tietojen käyttö", "Användning av uppgifterna", "Use of the data");
        public static readonly LocalizedText UsageSince = new("Loki alkaen", "Loggen från", "Log since");
        public static readonly LocalizedText NoUsage = new("Lokissa ei ole tietojen käyttöä tältä ajalta.", "Loggen har ingen användning under perioden.", "The log has no use of the data in the period.");
        public static readonly LocalizedText Time = new("Aika", "Tid", "Time");
        public static readonly LocalizedText What = new("Mitä", "Vad", "What");
        public static readonly LocalizedText Who = new("Kuka", "Vem", "Who");
        public static readonly LocalizedText Why = new("Peruste", "Grund", "Why");
        public static readonly LocalizedText Target = new("Kohde", "Objekt", "Target");
        public static readonly LocalizedText Result = new("Tulos", "Resultat", "Result");
    }
}
