#!/usr/bin/env bash
# Fixtures of test/unit/alt-product.test.ts: paper 1's published ALT product (Zenodo
# doi:10.5281/zenodo.10070610) in the layouts it may come in, made with GDAL (Debian gdal-bin,
# GDAL 3.6.2: gdal_translate; no python GDAL needed). Every map is 12 × 8 cells of 0.25° in
# EPSG:4326, upper-left corner (100°E, 70°N). The stored values follow closed formulas that the
# test recomputes (see "stored" there); a cell is nodata when (row + col + year) % 17 == 0.
#
#   int16-scaled/alt_<year>.tif      2003–2005, Int16, GDAL scale 0.1 offset 0, nodata −9999 (cm)
#                                    stored = 500 + 40·(year − 2003) + 12·row + col
#   float32-metres/ALT_<year>_m.tif  2003–2005, Float32, no scale, nodata −9999, values in metres
#                                    stored = 0.5 + 0.01·(year − 2003) + 0.001·(12·row + col)
#   multiband-named.tif              2003–2006 in bands 1–4 named "2003"…"2006", Int16,
#                                    GDAL scale 0.5 offset 10, nodata −32768;
#                                    stored = 100 + 10·(year − 2003) + row + col
#   multiband-unnamed.tif            2010–2012 in bands 1–3 without names, Float32 in cm, no
#                                    scale, nodata −9999; stored = 30.25 + (year − 2010) + 0.5·row + 0.25·col
#   gee-tiled/alt_<year>-0000000000-000000000{0,6}.tif
#                                    int16-scaled split at column 6 as an Earth Engine export
#   truncated/alt_<year>.tif         int16-scaled with alt_2004.tif cut to its first 300 bytes
#
# Run from anywhere: bash test/oracles/alt-product/make-fixtures.sh (rewrites the files).
set -euo pipefail
cd "$(dirname "$0")"
rm -rf int16-scaled float32-metres gee-tiled truncated multiband-named.tif multiband-unnamed.tif
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# asc <file> <year> <kind>: an Arc/Info ASCII grid of the formula <kind> for <year>
asc() {
  awk -v year="$2" -v kind="$3" 'BEGIN {
    print "ncols 12"; print "nrows 8"; print "xllcorner 100"; print "yllcorner 68"; print "cellsize 0.25";
    nd = (kind == "named") ? -32768 : -9999;
    print "NODATA_value " nd;
    for (r = 0; r < 8; r++) {
      line = "";
      for (c = 0; c < 12; c++) {
        if (kind == "int16") v = sprintf("%d", 500 + 40 * (year - 2003) + 12 * r + c);
        else if (kind == "metres") v = sprintf("%.3f", 0.5 + 0.01 * (year - 2003) + 0.001 * (12 * r + c));
        else if (kind == "named") v = sprintf("%d", 100 + 10 * (year - 2003) + r + c);
        else v = sprintf("%.2f", 30.25 + (year - 2010) + 0.5 * r + 0.25 * c);
        if ((r + c + year) % 17 == 0) v = nd;
        line = line (c ? " " : "") v;
      }
      print line;
    }
  }' > "$1"
}

T="gdal_translate -q -of GTiff -a_srs EPSG:4326"
mkdir -p int16-scaled float32-metres gee-tiled truncated
for y in 2003 2004 2005; do
  asc "$tmp/i$y.asc" $y int16
  $T -ot Int16 -a_scale 0.1 -a_offset 0 -a_nodata -9999 "$tmp/i$y.asc" "int16-scaled/alt_$y.tif"
  asc "$tmp/m$y.asc" $y metres
  $T -ot Float32 -a_nodata -9999 "$tmp/m$y.asc" "float32-metres/ALT_${y}_m.tif"
  $T -srcwin 0 0 6 8 "int16-scaled/alt_$y.tif" "gee-tiled/alt_$y-0000000000-0000000000.tif"
  $T -srcwin 6 0 6 8 "int16-scaled/alt_$y.tif" "gee-tiled/alt_$y-0000000000-0000000006.tif"
  cp "int16-scaled/alt_$y.tif" "truncated/alt_$y.tif"
done
head -c 300 int16-scaled/alt_2004.tif > truncated/alt_2004.tif

# multiband <out> <kind> <type> <nodata> <scale> <offset> <named> <years…>: a hand-written VRT
# (band descriptions, scale and offset per band) converted to one GeoTIFF
multiband() {
  local out="$1" kind="$2" type="$3" nd="$4" scale="$5" offset="$6" named="$7"
  shift 7
  local vrt="$tmp/$kind.vrt" b=0
  echo '<VRTDataset rasterXSize="12" rasterYSize="8"><SRS>EPSG:4326</SRS><GeoTransform>100, 0.25, 0, 70, 0, -0.25</GeoTransform>' > "$vrt"
  for y in "$@"; do
    b=$((b + 1))
    asc "$tmp/$kind$y.asc" "$y" "$kind"
    {
      echo "<VRTRasterBand dataType=\"$type\" band=\"$b\">"
      [ "$named" = yes ] && echo "<Description>$y</Description>"
      echo "<NoDataValue>$nd</NoDataValue>"
      [ -n "$scale" ] && echo "<Offset>$offset</Offset><Scale>$scale</Scale>"
      echo "<SimpleSource><SourceFilename relativeToVRT=\"0\">$tmp/$kind$y.asc</SourceFilename><SourceBand>1</SourceBand></SimpleSource></VRTRasterBand>"
    } >> "$vrt"
  done
  echo '</VRTDataset>' >> "$vrt"
  gdal_translate -q -of GTiff "$vrt" "$out"
}
multiband multiband-named.tif named Int16 -32768 0.5 10 yes 2003 2004 2005 2006
multiband multiband-unnamed.tif unnamed Float32 -9999 "" "" no 2010 2011 2012
