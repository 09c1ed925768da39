/**
 * Allure results, the per-run summary page, baseline comparison and gates, and the experiment
 * command line (see DESIGN.md section 2). Filled in by the reports and command-line issues.
 */
package io.tracklab.reports;
