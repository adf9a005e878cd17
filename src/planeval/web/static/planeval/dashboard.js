// The dashboard pages: the selector submits itself, and the indicator chart is drawn with
// ECharts from the JSON the server put in the page (json_script). Everything readable is in the
// HTML already; without script the selector keeps its button and the chart area stays empty.
"use strict";

document.documentElement.classList.add("js");

function submitOnChange() {
  document.querySelectorAll("form.selector select").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
}

function yearLabel(value) {
  return Number.isInteger(value) ? String(value) : "";
}

function rounded(value) {
  return value === null || value === undefined ? "—" : String(+Number(value).toFixed(2));
}

function drawPath(element, data) {
  var chart = echarts.init(element, null, { renderer: "svg" });
  var colours = { actual: "#b3261e", required: "#59636e", target: "#1b7837", trend: "#c77700" };
  var series = [
    {
      name: data.labels.actual, type: "line", data: data.actual, symbolSize: 7,
      lineStyle: { width: 3, color: colours.actual }, itemStyle: { color: colours.actual },
      label: { show: true, position: "top", color: colours.actual, fontSize: 11,
               formatter: function (p) { return rounded(p.value[1]); } },
    },
  ];
  if (data.trend.length) {
    series.push({
      name: data.labels.trend, type: "line", data: data.trend, symbol: "emptyCircle", symbolSize: 5,
      lineStyle: { type: [2, 4], width: 2, color: colours.trend }, itemStyle: { color: colours.trend },
      endLabel: { show: true, formatter: function (p) { return rounded(p.value[1]); }, color: colours.trend },
    });
  }
  if (data.required.length) {
    series.push({
      name: data.labels.required, type: "line", data: data.required, symbol: "none",
      lineStyle: { type: "dashed", width: 2, color: colours.required }, itemStyle: { color: colours.required },
    });
  }
  if (data.target !== null) {
    series.push({
      name: data.labels.target, type: "line", data: [[data.first, data.target], [data.last, data.target]],
      symbol: "none", lineStyle: { type: "dotted", width: 2, color: colours.target }, itemStyle: { color: colours.target },
      endLabel: { show: true, formatter: rounded(data.target), color: colours.target },
    });
  }
  chart.setOption({
    animation: false,
    grid: { left: 8, right: 48, top: 36, bottom: 40, containLabel: true },
    legend: { bottom: 0, left: 0 },
    tooltip: { trigger: "axis", valueFormatter: rounded },
    xAxis: {
      type: "value", min: data.first, max: data.last, interval: 1,
      axisLabel: { formatter: yearLabel }, splitLine: { show: false },
    },
    yAxis: { type: "value", scale: true, boundaryGap: ["0%", "10%"], name: data.unit, nameTextStyle: { align: "left" } },
    series: series,
  });
  window.addEventListener("resize", function () { chart.resize(); });
}

document.addEventListener("DOMContentLoaded", function () {
  submitOnChange();
  var element = document.getElementById("path-chart");
  var source = document.getElementById("chart-data");
  if (element && source && window.echarts) {
    drawPath(element, JSON.parse(source.textContent));
  }
});
