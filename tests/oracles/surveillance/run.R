#!/usr/bin/env Rscript
# The reference outputs of Hilmo's signal detection methods: R's surveillance package (Debian's
# r-cran-surveillance) run on the series and settings the oracle test writes, so the C#
# implementations are compared with the package their definitions were read from.
#
# Usage: Rscript run.R FOLDER
#   FOLDER/series.csv  series,frequency,t,observed,mu0      (t from 1; mu0 only for glrnb)
#   FOLDER/cases.csv   case,series,method,<control arguments, NA when unused>
# Writes FOLDER/results.csv: case,t,expected,threshold,alarm (NA where R gives NA; 17 digits).
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 1) stop("usage: Rscript run.R FOLDER")
folder <- args[1]
suppressPackageStartupMessages(library(surveillance))

series <- read.csv(file.path(folder, "series.csv"))
cases <- read.csv(file.path(folder, "cases.csv"), stringsAsFactors = FALSE)
number <- function(v) ifelse(is.na(v), "NA", sprintf("%.17g", v))
flag <- function(v) ifelse(is.na(v), "NA", ifelse(v, "1", "0"))
rows <- list()

for (i in seq_len(nrow(cases))) {
  case <- cases[i, ]
  s <- series[series$series == case$series, ]
  s <- s[order(s$t), ]
  n <- nrow(s)
  freq <- s$frequency[1]
  data <- sts(observed = matrix(s$observed, ncol = 1), frequency = freq, start = c(2000, 1))

  if (case$method %in% c("C1", "C2", "C3")) {
    result <- earsC(data, control = list(method = case$method, baseline = case$baseline,
                                         minSigma = case$minSigma, alpha = case$alpha))
    t <- result@control$range
    expected <- rep(NA_real_, length(t))
  } else if (case$method == "farringtonFlexible") {
    control <- list(b = case$b, w = case$w, reweight = as.logical(case$reweight),
                    weightsThreshold = case$weightsThreshold, alpha = case$alpha,
                    trend = as.logical(case$trend), pThresholdTrend = case$pThresholdTrend,
                    limit54 = c(case$limitCases, case$limitPeriods), powertrans = case$powertrans,
                    noPeriods = case$noPeriods, thresholdMethod = case$thresholdMethod,
                    glmWarnings = FALSE)
    if (!is.na(case$pastWeeksNotIncluded)) control$pastWeeksNotIncluded <- case$pastWeeksNotIncluded
    result <- farringtonFlexible(data, control = control)
    t <- (freq * case$b + case$w + 1):n
    expected <- result@control$expected[, 1]
  } else if (case$method == "glrnb") {
    t <- case$rangeStart:n
    result <- glrnb(data, control = list(range = t, c.ARL = case$cARL, mu0 = s$mu0[t],
                                         alpha = case$alpha, M = case$M, Mtilde = case$Mtilde,
                                         dir = case$dir, ret = "value"))
    expected <- s$mu0[t]
  } else {
    stop("unknown method ", case$method)
  }

  threshold <- upperbound(result)[, 1]
  alarm <- alarms(result)[, 1]
  stopifnot(length(threshold) == length(t), length(expected) == length(t))
  rows[[i]] <- data.frame(case = case$case, t = t, expected = number(expected),
                          threshold = number(threshold), alarm = flag(alarm))
}

write.csv(do.call(rbind, rows), file.path(folder, "results.csv"), row.names = FALSE, quote = FALSE)
