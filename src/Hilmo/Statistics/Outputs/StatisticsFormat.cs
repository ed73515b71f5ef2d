namespace Hilmo.Statistics.Outputs;

/// <summary>A file format a statistics table can be written in.</summary>
public enum StatisticsFormat
{
    /// <summary>JSON-stat 2.0 dataset, for programs and PxWeb-style clients.</summary>
    JsonStat,

    /// <summary>CSV with commas and decimal points (<see cref="CsvDialect.International"/>).</summary>
    Csv,

    /// <summary>CSV that Excel with Finnish settings opens as is (<see cref="CsvDialect.FinnishExcel"/>).</summary>
    CsvFinnishExcel,

    /// <summary>PC-Axis file, in all three languages, for PxWeb and PX-Win.</summary>
    Px,

    /// <summary>Excel workbook.</summary>
    Xlsx,
}
