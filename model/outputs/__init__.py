"""What a reader sees of the results: the output tables' declarations, the workbook writer,
the charts, report.html and the Parquet store of a run folder."""
