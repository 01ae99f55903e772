"""Small hand-written news stories for the clustering tests: three events, a few reports each."""

from __future__ import annotations

QUAKE = [
    ("Earthquake of magnitude 6.8 strikes Marrakesh region",
     "A powerful earthquake struck the Al Haouz province south of Marrakesh late on Friday, killing hundreds "
     "of people and flattening villages in the High Atlas mountains, Morocco's interior ministry said."),
    ("Morocco quake death toll rises as rescuers dig through rubble",
     "Rescuers in Morocco searched collapsed homes in the High Atlas villages of Al Haouz on Saturday as the "
     "death toll from the Marrakesh earthquake rose above two thousand, the interior ministry said."),
    ("Aid reaches Atlas villages cut off by Morocco earthquake",
     "Army trucks carrying tents and water reached mountain villages in Al Haouz province on Sunday, two days "
     "after the earthquake near Marrakesh, as survivors in the High Atlas slept outdoors for a second night."),
]
ELECTION = [
    ("Voters in Argentina choose between Milei and Massa",
     "Argentines voted on Sunday in a presidential run-off between the libertarian economist Javier Milei and "
     "the economy minister Sergio Massa, with inflation above one hundred percent dominating the campaign."),
    ("Milei wins Argentina presidency, promising shock therapy",
     "Javier Milei won Argentina's presidential run-off with fifty-six percent of the vote, defeating Sergio "
     "Massa, who conceded defeat in Buenos Aires and said Milei had been chosen by a majority of Argentines."),
    ("Markets rally after Milei's victory in Argentina",
     "Argentine bonds and shares rallied on Monday after Javier Milei's win over Sergio Massa, as investors bet "
     "the president-elect would dollarise the economy and cut spending in Buenos Aires."),
]
STRIKE = [
    ("Hollywood actors end strike after deal with studios",
     "The SAG-AFTRA union said its negotiators had reached a tentative agreement with the Hollywood studios, "
     "ending a strike by actors that lasted 118 days and halted film and television production in Los Angeles."),
    ("What the SAG-AFTRA deal means for actors and artificial intelligence",
     "The tentative SAG-AFTRA agreement with the studios includes consent and pay for digital replicas made "
     "with artificial intelligence, the union told members in Los Angeles after the 118-day actors strike."),
]

# Two incidents of one kind (a footballer arrested for drunk driving), told with the same words and told
# apart by who: the cast test of the divide step.
JACKSON = [
    ("Chargers receiver arrested on suspicion of drunk driving",
     "San Diego Chargers wide receiver Vincent Jackson was arrested early Tuesday on suspicion of drunken "
     "driving after police stopped his car near the stadium, the team said."),
    ("Jackson arrested for drunk driving, Chargers say",
     "Police said wide receiver Vincent Jackson of the San Diego Chargers failed a sobriety test after officers "
     "stopped his car early Tuesday; the team said it was aware of the arrest."),
    ("Chargers will not suspend receiver after arrest",
     "The team said receiver Vincent Jackson would play on Sunday after his arrest on suspicion of drunken "
     "driving, and coach Norv Turner said the club would handle the matter internally."),
]
WILLIAMS = [
    ("Chargers tackle arrested on suspicion of drunk driving",
     "San Diego Chargers defensive tackle Jamal Williams was arrested early Sunday on suspicion of drunken "
     "driving after police stopped his car on the freeway, the team said."),
    ("Williams arrested for drunk driving, Chargers say",
     "Police said defensive tackle Jamal Williams of the San Diego Chargers failed a sobriety test after "
     "officers stopped his car early Sunday; the team said it was aware of the arrest."),
    ("Chargers tackle released after drunk driving arrest",
     "The team said tackle Jamal Williams was released on bail after his arrest on suspicion of drunken "
     "driving, and general manager A. J. Smith said the club would handle the matter internally."),
]
