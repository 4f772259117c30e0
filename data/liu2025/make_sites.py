#!/usr/bin/python3
"""Writes data/liu2025/sites.csv (the approximate gazetteer). Usage: /usr/bin/python3 data/liu2025/make_sites.py > data/liu2025/sites.csv"""
import csv, sys
A = "approximate"; U = "unlocated"
SA = "named locality, estimated by the project from general geographic knowledge (not the borehole; verify against GTN-P/CALM metadata)"
SU = "not located: placeholder inside the sub-region for display only (not a real position)"
rows = [
(1,"Anaktuvuk Pass",68.14,-151.74,640,A),(2,"Anderson",64.34,-149.19,150,A),(3,"Arctic Village",68.13,-145.53,640,A),
(4,"Atkasuk",70.47,-157.40,30,A),(5,"Barrow",71.29,-156.79,10,A),(6,"Bonanza_Creek",64.75,-148.30,300,A),
(7,"Chandalar_Shelf",68.07,-149.58,1000,A),(8,"Deadhorse_2",70.20,-148.46,20,A),(9,"Fox",64.96,-147.62,250,A),
(10,"Franklin_Bluffs",69.89,-148.77,80,A),(11,"Gakona1",62.39,-145.15,600,A),(12,"Galbraith Lake*",68.48,-149.48,850,A),
(13,"Happy Valley 1_b",69.15,-148.84,300,A),(14,"Ivotuk_4",68.48,-155.74,550,A),(15,"Sagwon MNT",69.43,-148.67,300,A),
(16,"Smith Lake 3",64.87,-147.86,150,A),(17,"Toolik",68.63,-149.60,760,A),(18,"West Dock 1 (surface)",70.37,-148.55,5,A),
(19,"Azarova-1",68.0,150.0,None,U),(20,"Belenkiy-1",68.5,152.0,None,U),(21,"Bolvansky 59",68.30,54.50,20,A),
(22,"Chara 38",56.90,118.27,700,A),(23,"Chukochya River 14_79",69.90,157.00,20,A),(24,"Kashin_01k",67.5,154.0,None,U),
(25,"Marre Sale 1",69.72,66.80,10,A),(26,"Most-1",68.0,156.0,None,U),(27,"Nadym_1_71",65.30,72.90,30,A),
(28,"Novyi Urengoy",66.08,76.63,70,A),(29,"Samoylov (Lena River Delta)",72.37,126.48,10,A),(30,"Tuymada_70",62.00,129.70,100,A),
(31,"Ushelistiy-1",69.0,150.5,None,U),(32,"Vega-23",69.5,153.5,None,U),(33,"Zagryazkin-1",67.0,151.5,None,U),
(34,"Aggradational permafrost mound 1",64.0,-125.0,None,U),(35,"Banks Island",71.99,-125.25,80,A),(36,"Clyde River",70.47,-68.59,25,A),
(37,"Fan (Coal Ridge logger site 2)",64.5,-137.0,None,U),(38,"Igloolik",69.38,-81.80,20,A),(39,"Isachsen",78.78,-103.53,25,A),
(40,"Mould Bay",76.24,-119.35,15,A),(41,"MP825.2",63.5,-124.0,None,U),(42,"MP844.1",63.0,-123.5,None,U),
(43,"Mt McIntyre",60.71,-135.13,1000,A),(44,"Palsa25",62.5,-123.0,None,U),(45,"Palsa9",62.0,-122.5,None,U),
(46,"Pond Inlet",72.70,-77.96,60,A),(47,"Yukon River terrace Dawson",64.06,-139.43,330,A),
(48,"Ilulissat",69.22,-51.10,30,A),(49,"Nuuk",64.18,-51.69,20,A),(50,"Station Nord_Villum Research Station Site 1",81.60,-16.67,30,A),
(51,"ZC 1 Zackenberg",74.47,-20.57,40,A),
(52,"Dovrefjell_DB1",62.30,9.60,1500,A),(53,"Gagnheiði",65.22,-14.27,950,A),(54,"Guolasjavri 1",69.35,21.10,800,A),
(55,"Ha'go'ngur",64.60,-18.20,850,A),(56,"Iskoras 1",69.30,25.35,600,A),(57,"Juvvass bh1",61.68,8.37,1894,A),
(58,"Kevo(Valsjeaggl 1)",69.75,27.00,100,A),(59,"Sauðafell (near Snæfell)",64.80,-15.60,900,A),(60,"Storflaket 1",68.35,19.05,370,A),
(61,"Tarfalaryggen",67.92,18.60,1540,A),(62,"Tavvavuoma",68.47,20.90,550,A),
(63,"Janssonhaugen",78.18,16.47,270,A),(64,"Kaffiøyra Plain",78.60,11.90,10,A),(65,"Kapp Linne 1",78.06,13.62,15,A),(66,"svea 2",77.90,16.70,50,A),
(67,"AS20",35.0,92.0,None,U),
(68,"Beiluhe_Alpine desert",34.83,92.93,4630,A),(69,"Beiluhe_Alpine grassland",34.83,92.94,4630,A),(70,"Beiluhe_Alpine meadow",34.82,92.93,4630,A),
(71,"Beiluhe_Shady slope",34.82,92.92,4650,A),(72,"Beiluhe_Sparse grassland",34.84,92.93,4630,A),(73,"Beiluhe_Sunny slope",34.82,92.94,4650,A),
(74,"Beiluhe_Swamp meadow",34.84,92.92,4620,A),(75,"Beiluhe_Transitional area",34.83,92.92,4630,A),
(76,"CLP1",35.5,97.0,None,U),(77,"CLP2",35.4,97.2,None,U),(78,"CLP3",35.3,97.4,None,U),(79,"ELH",34.9,97.8,None,U),
(80,"Fenghuo Shan",34.73,92.90,4800,A),(81,"Heihe River Basin_AL7",38.0,100.2,3600,A),(82,"Heihe River Basin_EB",38.1,100.0,3700,A),
(83,"HRQ1",35.2,97.6,None,U),(84,"HRQ2",35.1,97.7,None,U),(85,"Kunlun Basin",35.63,94.05,4700,A),
(86,"MDX1",34.5,98.0,None,U),(87,"MDX2",34.6,98.1,None,U),(88,"MDX3",34.7,98.2,None,U),(89,"QSH1",35.43,93.60,None,U),
(90,"TCM1",34.4,98.4,None,U),(91,"TCM2",34.3,98.5,None,U),(92,"TSH",33.0,92.0,None,U),(93,"WLH",34.2,98.6,None,U),
(94,"Wudaoliang Basin_Meadow",35.22,93.08,4620,A),(95,"Wudaoliang Basin_Rock grid",35.21,93.07,4620,A),
(96,"Wudaoliang Basin_Sprensely vegetated area",35.23,93.09,4620,A),(97,"Wudaoliang Basin_Transition",35.22,93.09,4620,A),
(98,"ZLH",35.0,98.8,None,U),
(99,"Abernethy Flats",-63.88,-57.95,40,A),(100,"Berry Hill slopes",-63.80,-57.85,100,A),(101,"Biological Station",-62.6,-60.5,None,U),
(102,"Bull Pass",-77.52,161.85,150,A),(103,"Cape Lachman",-63.80,-57.78,20,A),(104,"Deception Island",-62.95,-60.65,30,A),
(105,"Edmonson Point",-74.33,165.13,20,A),(106,"Ellsworth Mountains",-79.0,-85.5,None,U),(107,"Granite Harbour",-77.00,162.50,20,A),
(108,"J.G.Mendel",-63.80,-57.88,10,A),(109,"Limnopolar Lake",-62.65,-61.10,70,A),(110,"Low Head",-62.15,-58.45,20,A),
(111,"MarblePoint",-77.42,163.68,50,A),(112,"Marion Island",-46.90,37.75,100,A),(113,"Minna Bluff",-78.50,166.80,30,A),
(114,"Mt. Fleming",-77.53,160.27,1700,A),(115,"Rothera",-67.57,-68.13,30,A),(116,"Scott Base",-77.85,166.76,10,A),
(117,"Victoria Valley1",-77.33,161.60,400,A),
]
w = csv.writer(sys.stdout, lineterminator="\n")
sys.stdout.write("# Gazetteer for Liu et al. 2025 Table 1 sites. The paper gives NO coordinates: every position here is APPROXIMATE or a PLACEHOLDER (see coord_quality).\n")
w.writerow(["No.","Site","lat","lon","elevation_m","coord_quality","coord_source"])
for no, site, lat, lon, elev, q in rows:
    w.writerow([no, site, f"{lat:.2f}", f"{lon:.2f}", "" if elev is None else elev, q, SA if q == A else SU])
