/**
 * What a run leaves for people and CI, all read from {@code result.json}: the per-run summary
 * page ({@code .summary}), Allure results and the project's Allure report ({@code .allure}),
 * baseline comparison ({@code .compare}) and the side-by-side table of a matrix
 * ({@code .matrix}). The command line that produces runs is the {@code cli} module, above this
 * one: nothing here knows how a run was started.
 */
package io.tracklab.reports;
