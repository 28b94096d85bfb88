/**
 * Name pools for the generator. US-style, mixed origins, roughly ordered from common to rare
 * (Prng.skewed favours the front). Every entry stays unique after lower-casing and dropping
 * non-letters, so `first.last` local parts cannot collide across different names.
 */

const words = (text: string): readonly string[] => text.trim().split(/\s+/);

export const FEMALE_FIRST = words(`
  Olivia Emma Charlotte Amelia Sophia Mia Isabella Ava Evelyn Luna Harper Sofia Camila Eleanor Elizabeth
  Violet Scarlett Emily Hazel Lily Gianna Aurora Penelope Aria Nora Chloe Ellie Mila Avery Layla Abigail
  Ella Isla Eliana Nova Madison Zoe Ivy Grace Lucy Willow Emilia Riley Naomi Victoria Stella Elena Hannah
  Valentina Maya Zoey Delilah Leah Lainey Lillian Paisley Genesis Madelyn Sadie Sophie Leilani Addison
  Natalie Josephine Alice Ruby Claire Kinsley Everly Emery Adeline Kennedy Maeve Audrey Autumn Athena Eden
  Iris Anna Eloise Jade Maria Caroline Brooklyn Quinn Aaliyah Vivian Liliana Gabriella Hailey Sarah Savannah
  Cora Madeline Natalia Ariana Lydia Lyla Clara Allison Aubrey Millie Melody Ayla Serenity Bella Skylar
  Josie Lucia Daisy Raelynn Eva Juniper Samantha Elliana Eliza Rylee Nevaeh Hadley Alaina Parker Jasmine
  Priya Ananya Mei Yuna Hana Fatima Amara Zainab Aisha Ximena Guadalupe Mariana Daniela Lucinda Imani
  Nia Keisha Tamika Latoya Jocelyn Rosa Carmen Lupita Ngozi Chioma Sakura Minji Jiwoo Thao Linh Anh Kavya
  Deepika Siobhan Niamh Ingrid Astrid Freya Katarzyna Agnieszka Olga Svetlana Leila Yasmin Noor Esther
  Miriam Talia Shira Beatriz Ines Marisol Paloma Renata Dalia Keira Bridget Colleen Margaret Ruth Joan
`);

export const MALE_FIRST = words(`
  Liam Noah Oliver James Elijah Mateo Theodore Henry Lucas William Benjamin Levi Sebastian Jack Ezra Michael
  Daniel Leo Owen Samuel Hudson Alexander Asher Luca Ethan John David Jackson Joseph Mason Luke Matthew
  Julian Dylan Elias Jacob Maverick Gabriel Logan Aiden Thomas Isaac Miles Grayson Santiago Anthony Wyatt
  Carter Jayden Ezekiel Caleb Cooper Josiah Charles Christopher Isaiah Nolan Cameron Nathan Joshua Kai
  Waylon Angel Lincoln Andrew Roman Adrian Aaron Wesley Ian Thiago Axel Brooks Bennett Weston Rowan
  Christian Theo Beau Eli Silas Jonathan Ryan Leonardo Walker Jaxon Micah Everett Robert Enzo Porter
  Jeremiah Jose Colton Luka Easton Landon Jordan Amir Gael Austin Adam Jameson August Xavier Myles Dominic
  Damian Nicholas Jace Carson Will Diego Rohan Arjun Vikram Aarav Wei Jun Hiroshi Kenji Minho Jisoo Duc
  Minh Huy Omar Yusuf Ibrahim Hamza Mohammed Ali Tariq Kwame Kofi Chinedu Emeka Oluwaseun Jamal Darnell
  Tyrone Malik Andre Marcus Terrence Alejandro Carlos Miguel Javier Rafael Eduardo Fernando Ricardo
  Sergio Pablo Joaquin Emilio Sean Declan Cormac Finn Lars Sven Magnus Piotr Tomasz Dmitri
  Ivan Mikhail Yosef Avi Eitan Rafi Dario Marco Giovanni Stefano Francis Walter Harold Frank Douglas
`);

export const LAST = words(`
  Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson
  Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis
  Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall
  Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker Cruz Edwards Collins
  Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly
  Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes
  Price Alvarez Castillo Sanders Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan
  Bell Coleman Butler Henderson Barnes Gonzales Fisher Vasquez Simmons Romero Jordan Patterson Alexander
  Hamilton Graham Reynolds Griffin Wallace Moreno West Cole Hayes Bryant Herrera Gibson Ellis Tran Medina
  Aguilar Stevens Murray Ford Castro Marshall Owens Harrison Fernandez McDonald Woods Washington Kennedy
  Wells Vargas Henry Chen Freeman Webb Tucker Guzman Burns Crawford Olson Simpson Porter Hunter Gordon
  Mendez Silva Shaw Snyder Mason Dixon Munoz Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd Rose
  Stone Salazar Fox Warren Mills Meyer Rice Schmidt Garza Daniels Ferguson Nichols Stephens Soto Weaver
  Ryan Gardner Payne Grant Dunn Kelley Spencer Hawkins Arnold Pierce Vazquez Hansen Peters Santos Hart
  Bradley Knight Elliott Cunningham Duncan Armstrong Hudson Carroll Lane Riley Andrews Alvarado Ray
  Delgado Berry Perkins Hoffman Johnston Matthews Pena Richards Contreras Willis Carpenter Lawrence Sandoval
  Wang Li Zhang Liu Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo Lin Tanaka Suzuki Takahashi Watanabe
  Ito Yamamoto Nakamura Kobayashi Park Choi Jung Kang Cho Yoon Jang Lim Pham Hoang Phan Vu Vo Dang Bui Do
  Shah Singh Kumar Sharma Gupta Reddy Iyer Rao Mehta Joshi Desai Khan Ahmed Hassan Hussein Rahman Malik
  Okafor Okonkwo Adeyemi Mensah Boateng Diallo Mbeki Abebe Tesfaye Kowalski Nowak Wisniewski Novak Horvat
  Ivanov Petrov Volkov Popescu Papadopoulos Rossi Russo Ferrari Esposito Bianchi Romano Costa Ricci
  Muller Schneider Fischer Weber Becker Schulz Jansen Visser Larsen Nielsen Johansson Lindqvist Berg
  O'Brien O'Connor O'Neill McCarthy Gallagher Doyle Byrne Walsh Quinn Fitzgerald MacLeod Campbell-Ross
  Smith-Jones Garcia-Lopez St.John DeLuca VanDyke LaRue DuPont Nakagawa Abernathy Whitfield Ashworth
`);

/** Namesakes for schools: "<namesake> Elementary School". */
export const SCHOOL_NAMESAKES = words(`
  Lincoln Washington Jefferson Roosevelt Franklin Kennedy Madison Adams Jackson Monroe Hamilton Edison
  Whitman Emerson Thoreau Frost Dickinson Twain Keller Carver Douglass Tubman Parks Chavez Earhart Curie
  Einstein Sagan Ride Hopper Lovelace Mandela Gandhi Tesla Audubon Muir Sequoyah Pocahontas Hawthorne
  Longfellow Alcott Irving Poe Hughes Angelou Morrison Baldwin Steinbeck Cather Wilder Seuss Silverstein
`);

/** Place words: "<place> <landform> Middle School". */
export const PLACES = words(`
  Maple Cedar Oak Pine Willow Aspen Birch Cherry Elm Spruce Hawthorn Juniper Magnolia Sycamore Redwood
  Evergreen Silver Golden Crystal Eagle Falcon Hawk Heron Sunrise Sunset Northwood Southgate Eastlake
  Westview Riverside Lakeside Meadow Prairie Canyon Mesa Harbor Bay Summit Highland Valley Fairview
  Pleasant Liberty Heritage Pioneer Frontier Discovery Horizon Cascade Rainier Olympic Columbia Sound
`);

export const LANDFORMS = words(`
  Ridge Creek Park Hills Grove Springs Heights Point Crossing Brook Glen Hollow Trail Vista Woods Landing
`);

/** Birth places for demographics.csv: [city, state]. */
export const BIRTH_PLACES: readonly (readonly [string, string])[] = [
  ['Seattle', 'WA'],
  ['Tacoma', 'WA'],
  ['Spokane', 'WA'],
  ['Bellevue', 'WA'],
  ['Redmond', 'WA'],
  ['Woodinville', 'WA'],
  ['Everett', 'WA'],
  ['Portland', 'OR'],
  ['Boise', 'ID'],
  ['San Jose', 'CA'],
  ['Los Angeles', 'CA'],
  ['Phoenix', 'AZ'],
  ['Denver', 'CO'],
  ['Chicago', 'IL'],
  ['Houston', 'TX'],
  ['New York', 'NY'],
];

/** Outside mail providers for guardians (contacts are not in the school's domain). */
export const GUARDIAN_DOMAINS = words(`outlook.com gmail.com yahoo.com hotmail.com icloud.com aol.com`);
